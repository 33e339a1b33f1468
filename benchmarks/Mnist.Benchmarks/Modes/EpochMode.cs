using System.Diagnostics;
using Mnist.MLNet.Data;
using Mnist.MLNet.Native;
using Mnist.MLNet.Training;

namespace Mnist.Benchmarks;

/// <summary>Seconds per epoch of <c>MlpTrainer.Fit</c> against the plain TorchSharp loop, alternated in one process.</summary>
public sealed class EpochMode : IBenchmarkMode
{
    public string Name => "epoch";
    public string Summary => "seconds per epoch: MlpTrainer.Fit vs a plain TorchSharp loop (--rounds, --epochs, --threads, --breakdown)";

    public int Run(BenchArgs args, TextWriter output)
    {
        int rounds = args.Int("rounds", 3), epochs = args.Int("epochs", 2), seed = args.Int("seed", 1);
        int threads = args.Int("threads", TorchRuntime.DefaultThreads);
        bool breakdown = args.Flag("breakdown");
        string data = args.DataDirectory;
        TorchRuntime.EnsureInitialized();
        output.WriteLine($"epoch: {rounds} rounds x {epochs} epochs, {threads} threads, seed {seed}, data {data}");
        output.WriteLine($"runtime: {string.Join("; ", TorchRuntime.Notes)}");

        var clock = Stopwatch.StartNew();
        var arrays = MnistArrays.Read(data, MnistSplit.Train);
        output.WriteLine($"plain loop preload (not timed per epoch): {clock.Elapsed.TotalSeconds:F2} s");

        var variants = new List<(string Name, Func<PlainLoop>? Plain)>
        {
            ("MlpTrainer.Fit", null),
            ("plain loop", () => new PlainLoop(arrays, seed, threads)),
        };
        if (breakdown)
        {
            variants.Add(("plain + loss.item()", () => new PlainLoop(arrays, seed, threads) { ReadLoss = true }));
            variants.Add(("plain + item + argmax", () => new PlainLoop(arrays, seed, threads) { ReadLoss = true, CountCorrect = true }));
        }
        var epochSeconds = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var cpuSeconds = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var fitSeconds = new List<double>();
        using var self = Process.GetCurrentProcess();
        double Cpu() { self.Refresh(); return self.TotalProcessorTime.TotalSeconds; }

        for (int round = 1; round <= rounds; round++)
        {
            // Alternate the order each round so neither variant always runs right after the other warms caches.
            var order = round % 2 == 1 ? variants : Enumerable.Reverse(variants).ToList();
            foreach (var (name, plain) in order)
            {
                if (plain is null)
                {
                    var options = new MlpTrainer.Options { MaxEpoch = epochs, Seed = seed, NumberOfThreads = threads };
                    // CPU seconds between epoch reports: epochs 2..N, the first epoch having no start report.
                    double lastCpu = double.NaN;
                    var progress = new InlineProgress<TrainingProgress>(p =>
                    {
                        if (p.Completed is null) return;
                        double now = Cpu();
                        if (!double.IsNaN(lastCpu)) cpuSeconds[name].Add(now - lastCpu);
                        lastCpu = now;
                    });
                    clock.Restart();
                    var model = MlpTraining.Fit(data, options, progress);
                    fitSeconds.Add(clock.Elapsed.TotalSeconds);
                    epochSeconds[name].AddRange(model.History.Select(h => h.Seconds));
                    output.WriteLine($"round {round} {name}: fit {fitSeconds[^1]:F2} s, epochs {string.Join(" ", model.History.Select(h => h.Seconds.ToString("F2")))} s, train accuracy {model.History[^1].TrainAccuracy:P2}");
                }
                else
                {
                    using var loop = plain();
                    var seconds = new List<double>();
                    for (int e = 0; e < epochs; e++)
                    {
                        double before = Cpu();
                        seconds.Add(loop.Epoch());
                        if (e > 0) cpuSeconds[name].Add(Cpu() - before);
                    }
                    epochSeconds[name].AddRange(seconds);
                    output.WriteLine($"round {round} {name}: epochs {string.Join(" ", seconds.Select(s => s.ToString("F2")))} s");
                }
            }
        }

        output.WriteLine();
        double baseline = Stats.Median(epochSeconds["plain loop"]);
        double cpuBaseline = Stats.Median(cpuSeconds["plain loop"]);
        // Background load only ever adds time, so the minimum is the least disturbed figure on a shared machine.
        double minBaseline = epochSeconds["plain loop"].Min();
        var table = new Table("variant", "epochs", "mean s/epoch", "median s/epoch", "median / plain", "min s/epoch", "min / plain",
            "median CPU s/epoch (2..N)", "CPU / plain");
        foreach (var (name, seconds) in epochSeconds)
            table.Add(name, seconds.Count, Stats.Mean(seconds), Stats.Median(seconds), Stats.Median(seconds) / baseline,
                seconds.Min(), seconds.Min() / minBaseline, Stats.Median(cpuSeconds[name]), Stats.Median(cpuSeconds[name]) / cpuBaseline);
        table.Write(output);
        double fitMedian = Stats.Median(fitSeconds);
        output.WriteLine();
        output.WriteLine($"MlpTrainer.Fit wall (read + {epochs} epochs): mean {Stats.Mean(fitSeconds):F2} s, median {fitMedian:F2} s; " +
                         $"overhead over its epochs {fitMedian - epochs * Stats.Median(epochSeconds["MlpTrainer.Fit"]):F2} s");
        double ratio = Stats.Median(epochSeconds["MlpTrainer.Fit"]) / baseline;
        output.WriteLine($"ratio MlpTrainer/plain (median per epoch): {ratio:F3}, (min per epoch): {epochSeconds["MlpTrainer.Fit"].Min() / minBaseline:F3} (goal <= 1.10)");
        return ExitCodes.Success;
    }
}
