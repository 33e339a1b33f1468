using System.Globalization;

namespace Mnist.Benchmarks.Support;

/// <summary>A million-row set (28 features, as HIGGS) trained once with the binary catalog's defaults: whether the
/// defaults still train at that size, how long an epoch takes and how much memory the process peaks at.</summary>
public static class LargeSet
{
    private const int FeatureCount = 28;

    private sealed class Row
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    public static void Train(int rows, int seed, MlpTrainer.Options? variation, TextWriter output)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(Rows(rows, seed));
        var trainer = variation is null ? ml.BinaryClassification.Trainers.Mlp() : ml.BinaryClassification.Trainers.Mlp(TabularTrainers.Copy<BinaryMlpTrainer.Options>(variation));
        var clock = Stopwatch.StartNew();
        using var model = trainer.Fit(data);
        double seconds = clock.Elapsed.TotalSeconds;
        var history = ((IModelCardProvider)model).Card.History;
        var card = ((IModelCardProvider)model).Card.TrainingOptions;
        string Entry(string key) => card.TryGetValue(key, out var value) ? value : "?";
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} rows x {FeatureCount} features, BinaryClassification.Trainers.Mlp(): {history.Count} epochs " +
            $"(stopped: {Entry("StopReason")}; hidden [{Entry("HiddenLayers")}], batch {Entry("BatchSize")}), " +
            $"{history.Average(e => e.Seconds):F1} s an epoch, Fit {seconds:F1} s, last epoch train accuracy {history[^1].TrainAccuracy:P2}, " +
            $"validation loss {history[^1].ValidationLoss:F4}; peak RSS {ProcessMemory.Read().PeakRssMiB / 1024:F2} GiB"));
    }

    // Drawn afresh from the seed on every enumeration, so the view reads the same rows each time without holding them.
    private static IEnumerable<Row> Rows(int rows, int seed)
    {
        var random = new Random(seed);
        for (int r = 0; r < rows; r++)
        {
            var x = new float[FeatureCount];
            for (int i = 0; i < FeatureCount; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
            yield return new Row { Features = x, Label = x[0] * x[1] + MathF.Sin(3 * x[2]) + x[3] > 0 };
        }
    }
}
