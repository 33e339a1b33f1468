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
        var model = SignalData.Features(_ml)
            .Append(_ml.Transforms.Conversion.MapValueToKey("Label", nameof(SignalData.Row.Quadrant)))
            .Append(new MlpTrainer(_ml, Options<MlpTrainer.Options>("Label")))
            .Fit(_train);

        AssertSignalRankedFirst(model, (mlp, data) =>
            _ml.MulticlassClassification.PermutationFeatureImportance(mlp, data, permutationCount: 3).Select(m => m.MicroAccuracy.Mean));
    }

    [Fact]
    public void Binary_FittedAndReloaded_RankTheSignalFeaturesFirst()
    {
        var model = FitOnSignal(new BinaryMlpTrainer(_ml, Options<BinaryMlpTrainer.Options>(nameof(SignalData.Row.Positive))));

        AssertSignalRankedFirst(model, (mlp, data) => _ml.BinaryClassification.PermutationFeatureImportance(mlp, data,
            labelColumnName: nameof(SignalData.Row.Positive), permutationCount: 3).Select(m => m.AreaUnderRocCurve.Mean));
    }

    [Fact]
    public void Regression_FittedAndReloaded_RankTheSignalFeaturesFirst()
    {
        var model = FitOnSignal(new RegressionMlpTrainer(_ml, Options<RegressionMlpTrainer.Options>(nameof(SignalData.Row.Value))));

        AssertSignalRankedFirst(model, (mlp, data) => _ml.Regression.PermutationFeatureImportance(mlp, data,
            labelColumnName: nameof(SignalData.Row.Value), permutationCount: 3).Select(m => m.RSquared.Mean));
    }

    // The trainer after the featurisation, fitted on the training rows.
    private TransformerChain<TMlp> FitOnSignal<TMlp>(IEstimator<TMlp> trainer) where TMlp : class, ITransformer =>
        SignalData.Features(_ml).Append(trainer).Fit(_train);

    /// <summary>Ranks the features by <paramref name="importance"/> on the test rows scored by the fitted model, then by
    /// the same model saved and loaded back: the two signal features come first both times.</summary>
    private void AssertSignalRankedFirst<TMlp>(TransformerChain<TMlp> model, Func<TMlp, IDataView, IEnumerable<double>> importance)
        where TMlp : class, ITransformer
    {
        var transformed = model.Transform(_test);
        Assert.Equal(SignalData.Signal, SignalData.TopTwo(transformed, importance(model.LastTransformer, transformed)));

        var loaded = Reload(model);
        var reloaded = loaded.Transform(_test);
        var mlp = Assert.IsType<TMlp>(loaded.LastTransformer);
        Assert.Equal(SignalData.Signal, SignalData.TopTwo(reloaded, importance(mlp, reloaded)));
    }

    private TransformerChain<ITransformer> Reload(ITransformer model)
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(model, _train.Schema, stream);
        stream.Position = 0;
        return new MLContext(seed: 2).Model.LoadWithMlp(stream, out _);
    }
}
