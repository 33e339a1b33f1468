using Mnist.MLNet.Native;

namespace Mnist.Benchmarks;

/// <summary>Resident memory while <c>MlpTrainer.Fit</c> trains: after every epoch, and the peak.</summary>
public sealed class MemoryMode : IBenchmarkMode
{
    private const double GoalPeakMiB = 800;

    public string Name => "memory";
    public string Summary => "VmRSS / VmHWM after each epoch of MlpTrainer.Fit";

    private readonly Option<int> _epochs = SharedOptions.Epochs(10), _batchSize = SharedOptions.BatchSize(MlpTrainer.Defaults.BatchSize);

    public IEnumerable<Option> Options => [_epochs, _batchSize, SharedOptions.Autograd, SharedOptions.Threads, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        int epochs = args.GetValue(_epochs), threads = args.GetValue(SharedOptions.Threads) is > 0 and var n ? n : TorchRuntime.DefaultThreads;
        int batchSize = args.GetValue(_batchSize);
        var start = ProcessMemory.Read();
        output.WriteLine($"memory: {epochs} epochs, batch {batchSize}, {threads} threads; before training RSS {start.RssMiB:F0} MiB, peak {start.PeakRssMiB:F0} MiB");

        var readings = new List<(int Epoch, double Seconds, ProcessMemory Memory, double ManagedMiB)>();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Completed is { } done)
                readings.Add((done.Epoch, done.Seconds, ProcessMemory.Read(), GC.GetTotalMemory(false) / 1048576.0));
        });
        var clock = Stopwatch.StartNew();
        MlpTraining.Fit(SharedOptions.DataDirectory(args), new MlpTrainer.Options
        {
            MaxEpoch = epochs, Seed = 1, NumberOfThreads = threads, BatchSize = batchSize,
            UseAutograd = args.GetValue(SharedOptions.Autograd)
        }, progress);
        var end = ProcessMemory.Read();

        var table = new Table("epoch", "seconds", "VmRSS MiB", "VmHWM MiB", "managed MiB");
        foreach (var r in readings) table.Add(r.Epoch, r.Seconds, r.Memory.RssMiB.ToString("F0"), r.Memory.PeakRssMiB.ToString("F0"), r.ManagedMiB.ToString("F0"));
        table.Write(output);
        output.WriteLine($"after Fit ({clock.Elapsed.TotalSeconds:F1} s): RSS {end.RssMiB:F0} MiB, peak (VmHWM) {end.PeakRssMiB:F0} MiB (goal <= {GoalPeakMiB:F0})");
        if (readings.Count >= 2)
        {
            var second = readings.First(r => r.Epoch == Math.Min(2, readings.Count));
            var last = readings[^1];
            output.WriteLine($"RSS change epoch {second.Epoch} -> {last.Epoch}: {last.Memory.RssMiB - second.Memory.RssMiB:+0;-0;0} MiB " +
                             $"({(last.Memory.RssMiB - second.Memory.RssMiB) / Math.Max(1, last.Epoch - second.Epoch):+0.0;-0.0;0} MiB/epoch; goal: flat)");
        }
        return end.PeakRssMiB <= GoalPeakMiB ? ExitCodes.Success : ExitCodes.Failed;
    }
}
