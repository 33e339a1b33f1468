using Mnist.MLNet.Native;
using Mnist.MLNet.Network.Layers;

namespace Mnist.Benchmarks;

/// <summary>One variant of <see cref="CnnEpochMode"/> in a process of its own, so that its peak RSS is its own:
/// trains and prints <c>RESULT epoch_seconds=... first=... peak_rss_mib=...</c>.</summary>
public sealed class CnnEpochChildMode : IBenchmarkMode
{
    public string Name => "cnn-epoch-child";
    public string Summary => "(internal) one cnn-epoch variant";
    public bool Hidden => true;

    /// <summary>The variants this child runs: the library's trainer, or the plain TorchSharp loop.</summary>
    public const string Fit = "fit", Plain = "plain";

    // CnnEpochMode declares these too and forwards what it was given.
    public static readonly Option<string> Variant = new("--variant") { Description = "fit or plain", DefaultValueFactory = _ => Fit };
    public static readonly Option<string> Layers = new("--layers") { Description = "fit: the layer stack", DefaultValueFactory = _ => ClassicCnn.Layers };
    public static readonly Option<int> Epochs = SharedOptions.Epochs(2), Rows = SharedOptions.Rows(0), BatchSize = SharedOptions.BatchSize(64);

    public IEnumerable<Option> Options => [Variant, Layers, SharedOptions.Threads, Epochs, Rows, BatchSize, SharedOptions.Seed, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        int threads = args.GetValue(SharedOptions.Threads) is > 0 and var n ? n : TorchRuntime.DefaultThreads;
        int epochs = args.GetValue(Epochs), rows = args.GetValue(Rows), batch = args.GetValue(BatchSize), seed = args.GetValue(SharedOptions.Seed);
        string directory = SharedOptions.DataDirectory(args);
        // CPU seconds of this process (all threads) over epochs 2..N: on a shared machine wall time also counts
        // waiting for a core, CPU time does not.
        var epochEnds = new List<double>();
        double[] seconds;
        if (args.GetValue(Variant) == Plain)
        {
            var data = MnistArrays.Read(directory, MnistSplit.Train);
            int count = rows > 0 ? Math.Min(rows, data.Count) : data.Count;
            using var loop = new PlainLoop(data.Features[..(count * MnistArrays.Pixels)], data.Labels[..count], MnistArrays.Pixels,
                ClassicCnn.Network, seed, threads, batch);
            seconds = Enumerable.Range(0, epochs).Select(_ =>
            {
                double s = loop.Epoch();
                epochEnds.Add(CpuSeconds());
                return s;
            }).ToArray();
        }
        else
        {
            var options = new MlpTrainer.Options
            {
                Layers = LayerStack.Parse(args.GetValue(Layers)!), MaxEpoch = epochs, BatchSize = batch, Seed = seed, NumberOfThreads = threads,
            };
            var progress = new SynchronousProgress<TrainingProgress>(p => { if (p.Completed is not null) epochEnds.Add(CpuSeconds()); });
            seconds = MlpTraining.Fit(directory, options, progress, rows).History.Select(h => h.Seconds).ToArray();
        }
        // The first epoch also pays for warming libtorch (thread pool, allocator, oneDNN kernels); later ones are the steady state.
        var steady = seconds.Length > 1 ? seconds[1..] : seconds;
        double cpu = epochEnds.Count > 1 ? (epochEnds[^1] - epochEnds[0]) / (epochEnds.Count - 1) : double.NaN;
        output.WriteLine($"notes: {string.Join("; ", TorchRuntime.Notes)}");
        output.WriteLine(FormattableString.Invariant(
            $"RESULT epoch_seconds={steady.Average():F4} cpu_seconds={cpu:F4} first={seconds[0]:F4} peak_rss_mib={ProcessMemory.Read().PeakRssMiB:F1}"));
        return ExitCodes.Success;
    }

    private static double CpuSeconds()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }
}
