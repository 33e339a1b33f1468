using Mnist.MLNet.Native;
using Mnist.MLNet.Training.Optimization;
using TorchSharp;
using Mnist.MLNet.Network;

namespace Mnist.Benchmarks;

/// <summary>Where a training step's time goes: the plain TorchSharp loop phase by phase, and the library's step
/// (batch gather, hand-written forward and backward, fused optimizer) on the same network and batches.</summary>
public sealed class StepProfileMode : IBenchmarkMode
{
    public string Name => "profile";
    public string Summary => "milliseconds per step by phase: plain loop vs MlpTrainer's step";

    private readonly Option<int> _steps = new("--steps") { Description = "Steps timed per round", HelpName = "N", DefaultValueFactory = _ => 400 };
    private readonly Option<int> _rounds = SharedOptions.Rounds(3), _batchSize = SharedOptions.BatchSize(64);
    private readonly Option<CommaList<int>> _hidden = SharedOptions.Hidden([512, 256]);

    public IEnumerable<Option> Options => [_steps, _rounds, SharedOptions.Threads, SharedOptions.Small, _batchSize, _hidden, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        int steps = args.GetValue(_steps), rounds = args.GetValue(_rounds);
        int threads = args.GetValue(SharedOptions.Threads) is > 0 and var n ? n : TorchRuntime.DefaultThreads;
        TorchRuntime.EnsureInitialized();
        var work = args.GetValue(SharedOptions.Small) ? Workload.Small(1)
            : Workload.Mnist(SharedOptions.DataDirectory(args), args.GetValue(_batchSize), args.GetValue(_hidden)!.Values);
        TorchRuntime.SetThreads(threads);
        output.WriteLine($"profile: {work.Name}, batch {work.BatchSize}, {steps} steps x {rounds} rounds, {threads} threads");

        var phases = new Dictionary<string, List<double>>();
        void Add(string phase, long ticks) =>
            (phases.TryGetValue(phase, out var l) ? l : phases[phase] = []).Add(ticks * 1000.0 / Stopwatch.Frequency / steps);
        for (int round = 0; round < rounds; round++)
        {
            foreach (var (phase, ticks) in Plain(work, steps)) Add("before: " + phase, ticks);
            foreach (var (phase, ticks) in Ours(work, steps)) Add("after: " + phase, ticks);
            using var floor = new GemmFloor(work.InputSize, work.Hidden, work.Classes, work.BatchSize, (long)steps * work.BatchSize, threads);
            Add("GEMMs alone", (long)(floor.Epoch() * Stopwatch.Frequency));
        }
        var table = new Table("phase", "median ms/step");
        foreach (var (phase, ms) in phases) table.Add(phase, Stats.Median(ms).ToString("F4"));
        table.Write(output);
        return ExitCodes.Success;
    }

    private static Dictionary<string, long> Plain(Workload work, int steps)
    {
        using var loop = new PlainLoop(work.Features, work.Labels, work.InputSize, work.Hidden, work.Classes, 1, torch.get_num_threads(), work.BatchSize);
        return loop.Profile(steps);
    }

    private static Dictionary<string, long> Ours(Workload work, int steps)
    {
        torch.manual_seed(1);
        var data = new TrainingSet(work.Features, work.Labels, work.InputSize);
        using var model = new MlpModule(work.InputSize, work.Hidden, work.Classes, dropout: 0);
        using var flat = new FlatParameters(model.parameters().ToList());
        using var optimizer = new FusedAdam(flat, 0, decoupled: false, torch.get_num_threads());
        using var step = new ManualMlpStep(optimizer, work.BatchSize);
        using var gather = new BatchGather(data, work.BatchSize);
        var order = Enumerable.Range(0, work.Count).Select(i => (long)i).OrderBy(i => (i * 7919) % work.Count).ToArray();
        var ticks = new Dictionary<string, long> { ["gather"] = 0, ["forward + loss + backward"] = 0, ["optimizer step"] = 0, ["whole step"] = 0 };
        for (int s = -20; s < steps; s++)   // the first 20 warm caches and the allocator
        {
            int start = (s + 20) * work.BatchSize % (work.Count - work.BatchSize);
            long t0 = Stopwatch.GetTimestamp();
            var batch = gather.Gather(order.AsSpan(start, work.BatchSize));
            long t1 = Stopwatch.GetTimestamp();
            step.ComputeGradients(batch);
            long t2 = Stopwatch.GetTimestamp();
            optimizer.Step(1e-3);
            long t3 = Stopwatch.GetTimestamp();
            if (s < 0) continue;
            ticks["gather"] += t1 - t0;
            ticks["forward + loss + backward"] += t2 - t1;
            ticks["optimizer step"] += t3 - t2;
            ticks["whole step"] += t3 - t0;
        }
        return ticks;
    }
}
