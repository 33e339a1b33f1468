using System.Diagnostics;
using Mnist.MLNet.Data;
using Mnist.MLNet.Native;
using Mnist.MLNet.Training;

namespace Mnist.Benchmarks;

/// <summary>One cold start: train with the given settings, score the test set by our own forward pass, and print
/// <c>RESULT accuracy=... since_start=...</c>, the seconds since this process started.</summary>
public sealed class ColdStartChildMode : IBenchmarkMode
{
    public string Name => "coldstart-child";
    public string Summary => "(internal) one coldstart setting";
    public bool Hidden => true;

    public int Run(BenchArgs args, TextWriter output)
    {
        var options = new MlpTrainer.Options
        {
            MaxEpoch = args.Int("epochs", MlpTrainer.Defaults.MaxEpoch),
            BatchSize = args.Int("batch", MlpTrainer.Defaults.BatchSize),
            LearningRate = args.Double("lr", MlpTrainer.Defaults.LearningRate),
            StartLearningRateRatio = args.Double("start", 1),
            FinalLearningRateRatio = args.Double("final", 1),
            Optimizer = Enum.Parse<OptimizerKind>(args.String("optimizer", nameof(OptimizerKind.Adam))!, ignoreCase: true),
            Seed = args.Int("seed", 1),
            NumberOfThreads = args.Int("threads", 0),
        };
        var clock = Stopwatch.StartNew();
        var model = MlpTraining.Fit(args.DataDirectory, options);
        double fitSeconds = clock.Elapsed.TotalSeconds;
        double accuracy = TestAccuracy.Of(model.Weights, MnistArrays.Read(args.DataDirectory, MnistSplit.Test));
        double sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        output.WriteLine($"epochs: {string.Join(" ", model.History.Select(h => $"{h.Seconds:F1}s/{h.TrainAccuracy:P2}"))}; threads {TorchRuntime.DefaultThreads}");
        output.WriteLine(FormattableString.Invariant($"RESULT accuracy={accuracy:F4} fit_seconds={fitSeconds:F2} since_start={sinceStart:F2}"));
        return ExitCodes.Success;
    }
}
