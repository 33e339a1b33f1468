using Mnist.MLNet.Native;
using Mnist.MLNet.Training.Optimization;

namespace Mnist.Benchmarks;

/// <summary>Seconds per epoch of <c>MlpTrainer.Fit</c> against the plain TorchSharp loop and the GEMM-only floor,
/// alternated in one process.</summary>
public sealed class EpochMode : IBenchmarkMode
{
    public string Name => "epoch";
    public string Summary => "seconds per epoch: MlpTrainer.Fit vs a plain TorchSharp loop and the GEMM-only floor";

    private readonly Option<int> _rounds = SharedOptions.Rounds(3), _epochs = SharedOptions.Epochs(2), _batchSize = SharedOptions.BatchSize(64);
    private readonly Option<CommaList<int>> _hidden = SharedOptions.Hidden([512, 256]);
    private readonly Option<bool> _breakdown = new("--breakdown") { Description = "Also time the plain loop reading the loss, and the loss and argmax" };

    public IEnumerable<Option> Options =>
        [_rounds, _epochs, SharedOptions.Threads, _batchSize, _hidden, SharedOptions.Small, SharedOptions.Autograd, _breakdown, SharedOptions.Seed, SharedOptions.Data];

    private const string Fit = "MlpTrainer.Fit", FitAutograd = "Fit, autograd step", Plain = "plain loop", Floor = "GEMM-only floor";

    public int Run(ParseResult args, TextWriter output)
    {
        int rounds = args.GetValue(_rounds), epochs = args.GetValue(_epochs), seed = args.GetValue(SharedOptions.Seed);
        bool small = args.GetValue(SharedOptions.Small);
        TorchRuntime.EnsureInitialized();
        var clock = Stopwatch.StartNew();
        var work = small ? Workload.Small(seed) : Workload.Mnist(SharedOptions.DataDirectory(args), args.GetValue(_batchSize), args.GetValue(_hidden)!.Values);
        // Every variant gets the thread count the trainer would pick for this network, unless told otherwise.
        int threads = args.GetValue(SharedOptions.Threads) is > 0 and var n ? n
            : StepThreads.Default(work.InputSize, work.Hidden, work.Classes, work.BatchSize);
        output.WriteLine($"epoch: {work.Name}, batch {work.BatchSize}, {rounds} rounds x {epochs} epochs, {threads} threads, seed {seed}");
        output.WriteLine($"runtime: {string.Join("; ", TorchRuntime.Notes)}; data prepared in {clock.Elapsed.TotalSeconds:F2} s (not timed per epoch)");

        PlainLoop NewPlain() => new(work.Features, work.Labels, work.InputSize, work.Hidden, work.Classes, seed, threads, work.BatchSize);
        var variants = new List<(string Name, Func<(double[] Wall, double[] Cpu)> Run)>
        {
            (Fit, () => FitEpochs(work, epochs, seed, threads, autograd: false)),
            (Plain, () => Repeat(epochs, NewPlain, l => l.Epoch())),
            (Floor, () => Repeat(epochs, () => new GemmFloor(work.InputSize, work.Hidden, work.Classes, work.BatchSize, work.Count, threads), f => f.Epoch())),
        };
        if (args.GetValue(SharedOptions.Autograd)) variants.Insert(1, (FitAutograd, () => FitEpochs(work, epochs, seed, threads, autograd: true)));
        if (args.GetValue(_breakdown))
        {
            variants.Add(("plain + loss.item()", () => Repeat(epochs, () => { var l = NewPlain(); l.ReadLoss = true; return l; }, l => l.Epoch())));
            variants.Add(("plain + item + argmax", () => Repeat(epochs, () => { var l = NewPlain(); l.ReadLoss = l.CountCorrect = true; return l; }, l => l.Epoch())));
        }

        var seconds = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var cpu = variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (int round = 1; round <= rounds; round++)
        {
            // Alternate the order each round so no variant always runs right after the same other one.
            foreach (var (name, run) in round % 2 == 1 ? variants : Enumerable.Reverse(variants))
            {
                var (epochSeconds, cpuSeconds) = run();
                seconds[name].AddRange(epochSeconds);
                cpu[name].AddRange(cpuSeconds);
                output.WriteLine($"round {round} {name}: epochs {string.Join(" ", epochSeconds.Select(s => s.ToString("F3")))} s");
                output.Flush();
            }
        }

        output.WriteLine();
        double plain = Stats.Median(seconds[Plain]), floor = Stats.Median(seconds[Floor]);
        double plainCpu = Stats.Median(cpu[Plain]), floorCpu = Stats.Median(cpu[Floor]);
        // On a shared machine wall time also counts waiting for a core; CPU seconds (all threads) do not.
        var table = new Table("variant", "epochs", "median s/epoch", "min s/epoch", "median / plain", "median / GEMM floor",
            "median CPU s/epoch", "CPU / plain", "CPU / floor");
        foreach (var (name, s) in seconds)
            table.Add(name, s.Count, Stats.Median(s), s.Min(), Stats.Median(s) / plain, Stats.Median(s) / floor,
                Stats.Median(cpu[name]), Stats.Median(cpu[name]) / plainCpu, Stats.Median(cpu[name]) / floorCpu);
        table.Write(output);
        double fit = Stats.Median(seconds[Fit]);
        output.WriteLine($"ratio MlpTrainer/plain (median per epoch): {fit / plain:F3} (goal <= {(small ? "0.50" : "0.65")}); " +
                         $"MlpTrainer/GEMM floor: {fit / floor:F3} (goal <= 2.0)");
        if (seconds.TryGetValue(FitAutograd, out var autograd))
            output.WriteLine($"hand-written step / autograd step (median per epoch): {fit / Stats.Median(autograd):F3} (kept when <= 0.85)");
        return ExitCodes.Success;
    }

    private static (double[] Wall, double[] Cpu) FitEpochs(Workload work, int epochs, int seed, int threads, bool autograd)
    {
        var options = new MlpTrainer.Options
        {
            MaxEpoch = epochs, Seed = seed, NumberOfThreads = threads, HiddenLayers = work.Hidden, BatchSize = work.BatchSize, UseAutograd = autograd,
        };
        // CPU seconds between epoch reports: epochs 2..N, the first having no report before it.
        var cpu = new List<double>();
        double last = double.NaN;
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Completed is null) return;
            double now = CpuSeconds();
            if (!double.IsNaN(last)) cpu.Add(now - last);
            last = now;
        });
        return (work.Fit(options, progress).History.Select(h => h.Seconds).ToArray(), cpu.ToArray());
    }

    private static double CpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    private static (double[] Wall, double[] Cpu) Repeat<T>(int epochs, Func<T> create, Func<T, double> epoch) where T : IDisposable
    {
        using var subject = create();
        var (wall, cpu) = (new double[epochs], new List<double>());
        for (int e = 0; e < epochs; e++)
        {
            double before = CpuSeconds();
            wall[e] = epoch(subject);
            if (e > 0) cpu.Add(CpuSeconds() - before);   // epochs 2..N, as for Fit
        }
        return (wall, cpu.ToArray());
    }
}
