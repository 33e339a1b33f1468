using Mnist.MLNet.Network.Layers;

namespace Mnist.MLNet.Tests.Training;

/// <summary><see cref="MlpTrainerOptions.QuantileFeatures"/> through the trainers: what it learns, what the card says and
/// what it refuses.</summary>
[Collection(LibTorchCollection.Name)]
public class QuantileFeaturesTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class WideRow
    {
        public bool Label { get; set; }
        [VectorType(65)] public float[] Features { get; set; } = [];
    }

    [Fact]
    public void Fit_SkewedFeature_LearnsItsRankThroughTheQuantiles()
    {
        var train = TabularData.Skewed(_ml, 500, seed: 1);
        var test = TabularData.Skewed(_ml, 500, seed: 2);
        (double Accuracy, string Quantiles) Fit(bool quantiles)
        {
            var pipeline = _ml.Transforms.NormalizeMeanVariance("Features")
                .Append(_ml.BinaryClassification.Trainers.Mlp(new BinaryMlpTrainer.Options { Seed = 1, QuantileFeatures = quantiles }));
            var fitted = pipeline.Fit(train);
            using var network = fitted.LastTransformer;
            return (_ml.BinaryClassification.EvaluateNonCalibrated(fitted.Transform(test)).Accuracy, network.Model.Card.TrainingOptions["QuantileFeatures"]);
        }

        var (with, card) = Fit(quantiles: true);
        var (without, off) = Fit(quantiles: false);

        Assert.Equal("1 of 2 features", card);   // the noise is uniform: its quantile would be a copy of it
        Assert.Equal("false", off);
        Assert.True(with >= 0.9, $"accuracy {with:F3} with the quantiles");
        Assert.True(with >= without + 0.05, $"accuracy {with:F3} with the quantiles, {without:F3} without");
    }

    [Fact]
    public void PermutationFeatureImportance_ModelWithQuantiles_FindsTheSkewedSignal()
    {
        var train = TabularData.Skewed(_ml, 500, seed: 1);
        var test = TabularData.Skewed(_ml, 300, seed: 2);
        using var model = _ml.BinaryClassification.Trainers.Mlp(new BinaryMlpTrainer.Options { Seed = 1, QuantileFeatures = true }).Fit(train);

        var importance = _ml.BinaryClassification.PermutationFeatureImportance(model, model.Transform(test), permutationCount: 3)
            .Select(m => m.AreaUnderRocCurve.Mean).ToArray();

        // Permuting the signal costs most of the AUC; permuting the noise next to nothing.
        Assert.True(importance[0] < -0.2 && importance[1] > -0.05, $"AUC changes {importance[0]:F3} (signal), {importance[1]:F3} (noise)");
    }

    [Fact]
    public void Fit_QuantilesOfMoreFeaturesThanTheMost_RefusedNamingTheOption()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 30).Select(i => new WideRow { Label = i % 2 == 0, Features = new float[65] }).ToList());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.BinaryClassification.Trainers.Mlp(new BinaryMlpTrainer.Options { QuantileFeatures = true, MaxEpoch = 1 }).Fit(data));

        Assert.Equal(nameof(MlpTrainerOptions.QuantileFeatures), error.ParamName);
        Assert.Contains("at most 64 features; column 'Features' has 65", error.Message);
    }

    [Fact]
    public void Options_QuantilesWithALayerStack_Refused() =>
        Assert.Equal(nameof(MlpTrainerOptions.QuantileFeatures), Assert.Throws<ArgumentException>(() =>
            new MlpTrainer(_ml, new MlpTrainer.Options { Layers = LayerStack.Parse("dense8"), QuantileFeatures = true })).ParamName);
}
