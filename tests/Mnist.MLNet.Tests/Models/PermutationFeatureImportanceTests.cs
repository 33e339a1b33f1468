namespace Mnist.MLNet.Tests.Models;

/// <summary>ML.NET's permutation feature importance, called as its documentation shows (the fitted predictor and the
/// data transformed by the whole model), finds the two features that carry the signal among eight, on the model
/// just fitted and on the same model saved and loaded back with <see cref="MlpModelLoader"/>.</summary>
[Collection(LibTorchCollection.Name)]
public class PermutationFeatureImportanceTests
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly IDataView _train;
    private readonly IDataView _test;

    public PermutationFeatureImportanceTests()
    {
        _train = SignalData.Load(_ml, 800, seed: 1);
        _test = SignalData.Load(_ml, 400, seed: 2);
    }

    private static T Options<T>(string label) where T : MlpTrainerOptions, new() => new()
    {
        LabelColumnName = label, HiddenLayers = [16], MaxEpoch = 25, BatchSize = 32, LearningRate = 1e-2, Seed = 1,
    };

    [Fact]
    public void Multiclass_FittedAndReloaded_RankTheSignalFeaturesFirst()
    {
        var pipeline = SignalData.Features(_ml)
            .Append(_ml.Transforms.Conversion.MapValueToKey("Label", nameof(SignalData.Row.Quadrant)))
            .Append(new MlpTrainer(_ml, Options<MlpTrainer.Options>("Label")));
        var model = pipeline.Fit(_train);

        var transformed = model.Transform(_test);
        var importance = _ml.MulticlassClassification.PermutationFeatureImportance(model.LastTransformer, transformed, permutationCount: 3);
        Assert.Equal(SignalData.Signal, SignalData.TopTwo(transformed, importance.Select(m => m.MicroAccuracy.Mean)));

        var loaded = Reload(model);
        var reloaded = loaded.Transform(_test);
        var mlp = Assert.IsType<MlpTransformer>(loaded.LastTransformer);
        var again = _ml.MulticlassClassification.PermutationFeatureImportance(mlp, reloaded, permutationCount: 3);
        Assert.Equal(SignalData.Signal, SignalData.TopTwo(reloaded, again.Select(m => m.MicroAccuracy.Mean)));
    }

    [Fact]
    public void Binary_FittedAndReloaded_RankTheSignalFeaturesFirst()
    {
        var pipeline = SignalData.Features(_ml)
            .Append(new BinaryMlpTrainer(_ml, Options<BinaryMlpTrainer.Options>(nameof(SignalData.Row.Positive))));
        var model = pipeline.Fit(_train);

        var transformed = model.Transform(_test);
        var importance = _ml.BinaryClassification.PermutationFeatureImportance(model.LastTransformer, transformed,
            labelColumnName: nameof(SignalData.Row.Positive), permutationCount: 3);
        Assert.Equal(SignalData.Signal, SignalData.TopTwo(transformed, importance.Select(m => m.AreaUnderRocCurve.Mean)));

        var loaded = Reload(model);
        var reloaded = loaded.Transform(_test);
        var mlp = Assert.IsType<BinaryMlpTransformer>(loaded.LastTransformer);
        var again = _ml.BinaryClassification.PermutationFeatureImportance(mlp, reloaded,
            labelColumnName: nameof(SignalData.Row.Positive), permutationCount: 3);
        Assert.Equal(SignalData.Signal, SignalData.TopTwo(reloaded, again.Select(m => m.AreaUnderRocCurve.Mean)));
    }

    [Fact]
    public void Regression_FittedAndReloaded_RankTheSignalFeaturesFirst()
    {
        var pipeline = SignalData.Features(_ml)
            .Append(new RegressionMlpTrainer(_ml, Options<RegressionMlpTrainer.Options>(nameof(SignalData.Row.Value))));
        var model = pipeline.Fit(_train);

        var transformed = model.Transform(_test);
        var importance = _ml.Regression.PermutationFeatureImportance(model.LastTransformer, transformed,
            labelColumnName: nameof(SignalData.Row.Value), permutationCount: 3);
        Assert.Equal(SignalData.Signal, SignalData.TopTwo(transformed, importance.Select(m => m.RSquared.Mean)));

        var loaded = Reload(model);
        var reloaded = loaded.Transform(_test);
        var mlp = Assert.IsType<RegressionMlpTransformer>(loaded.LastTransformer);
        var again = _ml.Regression.PermutationFeatureImportance(mlp, reloaded,
            labelColumnName: nameof(SignalData.Row.Value), permutationCount: 3);
        Assert.Equal(SignalData.Signal, SignalData.TopTwo(reloaded, again.Select(m => m.RSquared.Mean)));
    }

    private TransformerChain<ITransformer> Reload(ITransformer model)
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(model, _train.Schema, stream);
        stream.Position = 0;
        return new MLContext(seed: 2).Model.LoadWithMlp(stream, out _);
    }
}
