using Mnist.TestSupport;

namespace Mnist.Benchmarks;

/// <summary>Seconds per epoch and peak RSS of PyTorch's classic MNIST network (conv32k3, conv64k3, pool2, dense128;
/// Adam 1e-3, batches of 64) trained three ways, alternated in one run, each variant in a fresh child process:
/// <c>MlpTrainer.Fit</c> with <c>Layers</c>, a plain TorchSharp loop, and Debian's PyTorch 1.13.</summary>
/// <remarks>Each child trains <c>--epochs</c> epochs over the first <c>--rows</c> images and reports the mean of epochs
/// 2..N (the first warms libtorch), scaled to 60,000 images. All variants run in fp32: this CPU's libtorch has no
/// fast bf16 path to compare, so the precision column reads fp32 until the trainer has a precision option.</remarks>
public sealed class CnnEpochMode : IBenchmarkMode
{
    public string Name => "cnn-epoch";
    public string Summary => "seconds per epoch and peak RSS of the classic MNIST CNN: Fit with Layers vs a plain TorchSharp loop vs Debian's PyTorch";

    private readonly Option<int> _rounds = SharedOptions.Rounds(2), _epochs = SharedOptions.Epochs(3), _rows = SharedOptions.Rows(6400);
    private readonly Option<int> _threads = OptionParsers.IntAtLeast("--threads", 1, "libtorch threads of every variant", 2);
    private readonly Option<string?> _also = new("--also-layers")
    {
        Description = "Also time Fit on this layer stack (e.g. a recipe's), to compare its epoch with the plain loop's", HelpName = "LAYERS",
    };
    private readonly Option<string> _python = new("--python")
    {
        Description = "Interpreter with PyTorch for the third variant; 'none' leaves it out", DefaultValueFactory = _ => SklearnBaseline.DefaultPython,
    };

    public IEnumerable<Option> Options => [_rounds, _epochs, _rows, _threads, _also, _python, SharedOptions.Seed, SharedOptions.Data];

    private const string Fit = "MlpTrainer.Fit (Layers)", Plain = "plain TorchSharp loop", PyTorch = "Debian PyTorch 1.13";
    private const int MnistRows = 60_000;

    public int Run(ParseResult args, TextWriter output)
    {
        int rounds = args.GetValue(_rounds), epochs = args.GetValue(_epochs), rows = args.GetValue(_rows), threads = args.GetValue(_threads);
        int seed = args.GetValue(SharedOptions.Seed);
        string directory = SharedOptions.DataDirectory(args), python = args.GetValue(_python)!;
        int measured = rows > 0 ? Math.Min(rows, MnistRows) : MnistRows;
        output.WriteLine($"cnn-epoch: {ClassicCnn.Layers}, batch 64, {measured} rows x {epochs} epochs per child (epochs 2..N timed, scaled to {MnistRows}), " +
                         $"{threads} threads, {rounds} rounds, seed {seed}");

        string[] Common() => ["--threads", $"{threads}", "--epochs", $"{epochs}", "--rows", $"{rows}", "--seed", $"{seed}", "--data", directory];
        ChildProcess.Result Child(string variant, string layers) =>
            ChildProcess.RunSelf(["cnn-epoch-child", "--variant", variant, "--layers", layers, .. Common()]);
        var variants = new List<(string Name, Func<ChildProcess.Result> Run)>
        {
            (Fit, () => Child(CnnEpochChildMode.Fit, ClassicCnn.Layers)),
            (Plain, () => Child(CnnEpochChildMode.Plain, ClassicCnn.Layers)),
        };
        if (python != "none") variants.Add((PyTorch, () => PyTorchCnnBaseline.Run(python, directory, rows, epochs, threads, seed)));
        if (args.GetValue(_also) is { } also) variants.Add(($"Fit {also}", () => Child(CnnEpochChildMode.Fit, also)));

        var seconds = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var cpu = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var peaks = variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (int round = 1; round <= rounds; round++)
        {
            // Alternate the order each round so no variant always runs right after the same other one.
            foreach (var (name, run) in round % 2 == 1 ? variants : Enumerable.Reverse(variants))
            {
                var result = run();
                double epoch = ChildProcess.Value(result, "epoch_seconds") * MnistRows / measured;
                if (result.ExitCode != 0 || double.IsNaN(epoch))
                {
                    output.WriteLine($"round {round} {name}: failed (exit {result.ExitCode}): {string.Join(Environment.NewLine, result.Lines.TakeLast(5))}");
                    continue;
                }
                seconds[name].Add(epoch);
                cpu[name].Add(ChildProcess.Value(result, "cpu_seconds") * MnistRows / measured);
                peaks[name].Add(ChildProcess.Value(result, "peak_rss_mib"));
                output.WriteLine($"round {round} {name}: {epoch:F2} s/epoch, CPU {cpu[name][^1]:F2} s/epoch, peak RSS {peaks[name][^1]:F0} MiB; {result.Lines.FirstOrDefault(l => l.StartsWith("notes:", StringComparison.Ordinal))}");
                output.Flush();
            }
        }

        output.WriteLine();
        double plain = Stats.Median(seconds[Plain]), plainCpu = Stats.Median(cpu[Plain]);
        // Wall time on a shared machine also counts waiting for a core; CPU seconds (all threads) do not.
        var table = new Table("variant", "precision", "runs", "median s/epoch", "min s/epoch", "median / plain",
            "median CPU s/epoch", "CPU / plain", "peak RSS MiB");
        foreach (var (name, s) in seconds)
            table.Add(name, "fp32", s.Count, Stats.Median(s), s.Count > 0 ? s.Min() : double.NaN, Stats.Median(s) / plain,
                Stats.Median(cpu[name]), Stats.Median(cpu[name]) / plainCpu, peaks[name].Count > 0 ? peaks[name].Max() : double.NaN);
        table.Write(output);
        output.WriteLine($"ratio Fit/plain (median s/epoch): {Stats.Median(seconds[Fit]) / plain:F3}, CPU {Stats.Median(cpu[Fit]) / plainCpu:F3} (goal <= 1.05)");
        return ExitCodes.Success;
    }
}
