namespace Mnist.MLNet.Tests.Training;

/// <summary>The trainers without options, on small generated sets: how long they train, what they keep and decide.</summary>
public class AdaptiveDefaultsTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public bool Label { get; set; }
        [VectorType(8)] public float[] Features { get; set; } = [];
    }

    // 8 features uniform in [-1, 1]; positive when x0 + x1 > threshold (1.6: about 2% positives).
    private IDataView Threshold(int rows, double threshold, int seed)
    {
        var random = new Random(seed);
        return _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ =>
        {
            var x = Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            return new Row { Label = x[0] + x[1] > threshold, Features = x };
        }).ToList());
    }

    private static ModelCard Card(ITransformer model) => ((IModelCardProvider)model).Card;

    [Fact]
    public void Fit_Defaults_HoldsOutRowsStopsEarlyAndKeepsTheEpochOfLowestValidationLoss()
    {
        var data = Threshold(300, 0, seed: 2);

        using var model = _ml.BinaryClassification.Trainers.Mlp().Fit(data);

        var card = Card(model).TrainingOptions;
        var history = Card(model).History;
        Assert.Equal("auto", card["MaxEpoch"]);
        Assert.Equal("30", card["HeldOutRows"]);
        Assert.Equal("100", card["HiddenLayers"]);
        var length = TrainingLength.For(new MlpTrainer.Options(), rows: 270, batchSize: 64);
        Assert.InRange(history.Count, length.MinEpoch, length.MaxEpoch);
        Assert.Equal(history.Count.ToString(), card["EpochsRun"]);
        int best = int.Parse(card["BestEpoch"]);
        Assert.Equal(history.MinBy(e => e.ValidationLoss)!.Epoch, best);
        Assert.Contains(history.Count < length.MaxEpoch ? "no lower validation loss" : "trained all", card["StopReason"]);
    }

    [Fact]
    public void Fit_MaxEpochSet_TrainsExactlyThatManyOnEveryRow()
    {
        var data = Threshold(300, 0, seed: 2);

        using var model = _ml.BinaryClassification.Trainers.Mlp(maxEpoch: 3).Fit(data);

        Assert.Equal(3, Card(model).History.Count);
        Assert.Equal("0", Card(model).TrainingOptions["HeldOutRows"]);
        Assert.All(Card(model).History, e => Assert.Null(e.ValidationLoss));
    }

    [Fact]
    public void Fit_CatalogDefaultsTwice_GiveTheSameModel()
    {
        var data = Threshold(200, 0.5, seed: 3);

        float[] Scores() => _ml.BinaryClassification.Trainers.Mlp().Fit(data).Transform(data).GetColumn<float>("Score").ToArray();

        Assert.Equal(Scores(), Scores());
    }

    [Fact]
    public void Fit_TwoPercentPositives_FindsThemAtTheDefaultThreshold()
    {
        var train = Threshold(4000, 1.6, seed: 4);
        var test = Threshold(4000, 1.6, seed: 5);

        using var model = _ml.BinaryClassification.Trainers.Mlp().Fit(train);

        var metrics = _ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(test));
        Assert.True(metrics.F1Score >= 0.8, $"F1 {metrics.F1Score:F3} (positive recall {metrics.PositiveRecall:F3}, precision {metrics.PositivePrecision:F3})");
    }
}
