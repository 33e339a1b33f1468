using Mnist.MLNet.Native;

namespace Mnist.Benchmarks;

/// <summary>Leak check: resident memory across many single predictions and across training epochs must grow by
/// less than 5%.</summary>
/// <remarks>Growth is the mean of the later half of the readings over the mean of the earlier half: the allocator
/// swings RSS by ~50 MiB from one epoch to the next (seen: 729, 783, 725, 775 MiB), which would decide a
/// last-against-first comparison on its own, while a leak raises every later reading.</remarks>
public sealed class SoakMode : IBenchmarkMode
{
    private const double AllowedGrowth = 0.05;

    public string Name => "soak";
    public string Summary => "RSS growth over many single predictions and training epochs; fails above 5%";

    // At least 20: the growth compares halves of readings taken every tenth of the predictions.
    private readonly Option<int> _predictions = OptionParsers.IntAtLeast("--predictions", 20, "Single predictions to make", 100_000);
    private readonly Option<int> _epochs = SharedOptions.Epochs(10), _rows = SharedOptions.Rows(0);

    public IEnumerable<Option> Options => [_predictions, _epochs, _rows, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        int predictions = args.GetValue(_predictions), epochs = args.GetValue(_epochs), rows = args.GetValue(_rows);
        string data = SharedOptions.DataDirectory(args);
        output.WriteLine($"soak: {predictions} predictions, {epochs} epochs{(rows > 0 ? $" on {rows} rows" : "")}");

        double predictionGrowth;
        using (var setup = new ScoringModel(data, rows: rows > 0 ? rows : 10_000))
        {
            var reloaded = setup.MLContext.Model.Load(setup.ZipPath, out _);
            using var engine = setup.MLContext.Model.CreatePredictionEngine<MnistImage, MnistPrediction>(reloaded);
            int warmUp = Math.Max(1, predictions / 10);
            var rss = new List<double>();
            var readings = new Table("predictions", "VmRSS MiB");
            for (int i = 1; i <= predictions; i++)
            {
                engine.Predict(setup.Digits[i % setup.Digits.Length]);
                if (i >= warmUp && i % warmUp == 0)
                {
                    rss.Add(ProcessMemory.Read().RssMiB);
                    readings.Add(i, rss[^1].ToString("F1"));
                }
            }
            readings.Write(output);
            predictionGrowth = Growth(rss);
            output.WriteLine(FormattableString.Invariant($"RESULT predictionGrowth={predictionGrowth:F4}"));
        }

        var epochRss = new List<double>();
        var progress = new SynchronousProgress<TrainingProgress>(p => { if (p.Completed is not null) epochRss.Add(ProcessMemory.Read().RssMiB); });
        MlpTraining.Fit(data, new MlpTrainer.Options { MaxEpoch = epochs, Seed = 1, NumberOfThreads = TorchRuntime.DefaultThreads }, progress, rows);
        var table = new Table("epoch", "VmRSS MiB");
        for (int e = 0; e < epochRss.Count; e++) table.Add(e + 1, epochRss[e].ToString("F1"));
        table.Write(output);
        double trainingGrowth = Growth(epochRss);
        output.WriteLine(FormattableString.Invariant($"RESULT trainingGrowth={trainingGrowth:F4}"));

        bool ok = predictionGrowth < AllowedGrowth && trainingGrowth < AllowedGrowth;
        output.WriteLine($"RSS growth, later half of the readings over the earlier half: predictions {predictionGrowth:P1}, training {trainingGrowth:P1} (limit {AllowedGrowth:P0}): {(ok ? "ok" : "FAILED")}");
        return ok ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static double Growth(IReadOnlyList<double> readings)
    {
        int half = readings.Count / 2;
        return readings.Skip(readings.Count - half).Average() / readings.Take(half).Average() - 1;
    }
}
