using Xunit.Abstractions;

namespace Mnist.MLNet.Tests.Training;

[Collection(LibTorchCollection.Name)]
public class BinaryMlpTrainerTests(ITestOutputHelper output)
{
    private readonly MLContext _ml = new(seed: 1);

    private static BinaryMlpTrainer.Options SpiralOptions(int maxEpoch = 60) => new()
    {
        HiddenLayers = [64, 64], MaxEpoch = maxEpoch, BatchSize = 32, LearningRate = 1e-2, Seed = 3,
    };

    [Fact]
    public void Fit_Spirals_MlpSeparatesThemWhereSdcaCannot()
    {
        var train = TabularData.Spirals(_ml, 300, seed: 1);
        var test = TabularData.Spirals(_ml, 200, seed: 2);

        using var mlp = new BinaryMlpTrainer(_ml, SpiralOptions()).Fit(train);
        var mlpMetrics = _ml.BinaryClassification.Evaluate(mlp.Transform(test));
        var sdca = _ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(train);
        var sdcaMetrics = _ml.BinaryClassification.Evaluate(sdca.Transform(test));

        output.WriteLine($"AUC: MLP {mlpMetrics.AreaUnderRocCurve:F4}, SDCA {sdcaMetrics.AreaUnderRocCurve:F4}");
        Assert.True(mlpMetrics.AreaUnderRocCurve >= 0.98, $"MLP AUC {mlpMetrics.AreaUnderRocCurve:F3}");
        Assert.True(sdcaMetrics.AreaUnderRocCurve < 0.8, $"SDCA AUC {sdcaMetrics.AreaUnderRocCurve:F3}");
        Assert.True(mlpMetrics.F1Score > 0.9, $"MLP F1 {mlpMetrics.F1Score:F3}");
        Assert.True(mlpMetrics.LogLoss < sdcaMetrics.LogLoss, $"log-loss {mlpMetrics.LogLoss:F3} vs {sdcaMetrics.LogLoss:F3}");
    }

    [Fact]
    public void SaveAndLoad_FreshContext_PredictsTheSame()
    {
        var data = TabularData.Spirals(_ml, 100, seed: 1);
        using var model = _ml.BinaryClassification.Trainers.Mlp(SpiralOptions(maxEpoch: 3)).Fit(data);

        var (loaded, card) = ModelRoundTrip.SaveAndLoad(_ml, model, data.Schema);
        var before = Scores(model.Transform(data));
        var after = Scores(loaded.Transform(data));

        Assert.Equal(before, after);
        Assert.Equal(MlpTask.BinaryClassification, card.Task);
        Assert.Equal(["False", "True"], card.ClassLabels);
        Assert.Null(card.LabelScaling);
    }

    [Fact]
    public void CrossValidate_Spirals_ReportsAucPerFold()
    {
        var data = TabularData.Spirals(_ml, 100, seed: 1);
        var results = _ml.BinaryClassification.CrossValidate(data, new BinaryMlpTrainer(_ml, SpiralOptions(maxEpoch: 2)), numberOfFolds: 3);
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.InRange(r.Metrics.AreaUnderRocCurve, 0, 1));
    }

    [Fact]
    public void Fit_SingleLabel_ThrowsNamingColumnAndBoolean()
    {
        var data = TabularData.NoisySine(_ml, 10, seed: 1);
        var trainer = new BinaryMlpTrainer(_ml, new BinaryMlpTrainer.Options { MaxEpoch = 1, FeatureColumnName = "Features" });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data));
        Assert.Contains("label column 'Label'", e.Message);
        Assert.Contains("expected Boolean, got Single", e.Message);
    }

    private static List<(float Score, float Probability, bool Predicted)> Scores(IDataView scored) =>
        scored.GetColumn<float>("Score").Zip(scored.GetColumn<float>("Probability"), scored.GetColumn<bool>("PredictedLabel"))
            .Select(t => (t.First, t.Second, t.Third)).ToList();
}
