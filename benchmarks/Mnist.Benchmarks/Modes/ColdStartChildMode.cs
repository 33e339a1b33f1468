using Mnist.MLNet.Native;

namespace Mnist.Benchmarks;

/// <summary>One cold start: train with the given settings, score the test set by our own forward pass, and print
/// <c>RESULT accuracy=... since_start=...</c>, the seconds since this process started.</summary>
public sealed class ColdStartChildMode : IBenchmarkMode
{
    public string Name => "coldstart-child";
    public string Summary => "(internal) one coldstart setting";
    public bool Hidden => true;

    private readonly Option<int> _epochs = SharedOptions.Epochs(MlpTrainer.Defaults.MaxEpoch);
    private readonly Option<int> _batchSize = SharedOptions.BatchSize(MlpTrainer.Defaults.BatchSize);
    private readonly Option<double> _learningRate = SharedOptions.LearningRate(MlpTrainer.Defaults.LearningRate);
    private readonly Option<double> _start = new("--start") { Description = "First learning rate as a fraction of --lr", DefaultValueFactory = _ => 1 };
    private readonly Option<double> _final = new("--final") { Description = "Last learning rate as a fraction of --lr", DefaultValueFactory = _ => 1 };
    private readonly Option<OptimizerKind> _optimizer = new("--optimizer") { Description = "Optimizer", DefaultValueFactory = _ => OptimizerKind.Adam };

    public IEnumerable<Option> Options =>
        [_epochs, _batchSize, _learningRate, _start, _final, _optimizer, SharedOptions.Seed, SharedOptions.Threads, SharedOptions.Data];

    // Trains and scores by hand rather than through MnistTraining.RunAsync: the accuracy is an independent forward
    // pass, and since_start covers exactly fit + that pass (no download check, no ML.NET evaluation).
    public int Run(ParseResult args, TextWriter output)
    {
        var options = new MlpTrainer.Options
        {
            MaxEpoch = args.GetValue(_epochs),
            BatchSize = args.GetValue(_batchSize),
            LearningRate = args.GetValue(_learningRate),
            StartLearningRateRatio = args.GetValue(_start),
            FinalLearningRateRatio = args.GetValue(_final),
            Optimizer = args.GetValue(_optimizer),
            Seed = args.GetValue(SharedOptions.Seed),
            NumberOfThreads = args.GetValue(SharedOptions.Threads),
        };
        string data = SharedOptions.DataDirectory(args);
        var clock = Stopwatch.StartNew();
        var model = MlpTraining.Fit(data, options);
        double fitSeconds = clock.Elapsed.TotalSeconds;
        double accuracy = TestAccuracy.Of(model.Weights, MnistArrays.Read(data, MnistSplit.Test));
        double sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        output.WriteLine($"epochs: {string.Join(" ", model.History.Select(h => $"{h.Seconds:F1}s/{h.TrainAccuracy:P2}"))}; threads {TorchRuntime.DefaultThreads}");
        output.WriteLine(FormattableString.Invariant($"RESULT accuracy={accuracy:F4} fit_seconds={fitSeconds:F2} since_start={sinceStart:F2}"));
        return ExitCodes.Success;
    }
}
