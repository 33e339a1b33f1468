using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mnist.MLNet.Tests.Training;

namespace Mnist.MLNet.Tests.Models;

/// <summary>The exported graphs of the one-output models compute what the models' chains do, under public names.</summary>
[Collection(LibTorchCollection.Name)]
public class ScalarExportTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void ExportOnnx_Binary_OutputsScoreAndProbabilityAsTheModel()
    {
        var data = TabularData.Spirals(_ml, 20, seed: 1);
        using var model = new BinaryMlpTrainer(_ml, new BinaryMlpTrainer.Options { HiddenLayers = [8], MaxEpoch = 1, Seed = 1 }).Fit(data);

        AssertExportComputesTheColumns(model, data, 2, "Score", "Probability");
    }

    [Fact]
    public void ExportOnnx_BinaryReadingQuantiles_FoldsThemIntoTheGraph()
    {
        var data = TabularData.Skewed(_ml, 100, seed: 1);
        using var model = new BinaryMlpTrainer(_ml, new BinaryMlpTrainer.Options { HiddenLayers = [8], MaxEpoch = 3, Seed = 1, QuantileFeatures = true }).Fit(data);

        Assert.Equal("1 of 2 features", model.Model.Card.TrainingOptions["QuantileFeatures"]);
        Assert.Equal(4, model.Model.Layers.Count);   // two layers compute the skewed feature's quantile, then the network
        AssertExportComputesTheColumns(model, data, 2, "Score", "Probability");
    }

    [Fact]
    public void ExportOnnx_Regression_OutputsScoreInLabelUnits()
    {
        var data = TabularData.NoisySine(_ml, 20, seed: 1);
        using var model = new RegressionMlpTrainer(_ml, new RegressionMlpTrainer.Options { HiddenLayers = [8], MaxEpoch = 1, Seed = 1 }).Fit(data);

        AssertExportComputesTheColumns(model, data, 1, "Score");
    }

    [Fact]
    public void Fit_ValidationSetWithEarlyStopping_RecordsValidationLoss()
    {
        var train = TabularData.NoisySine(_ml, 100, seed: 1);
        var options = new RegressionMlpTrainer.Options
        {
            HiddenLayers = [8], MaxEpoch = 4, Seed = 1, ValidationSet = TabularData.NoisySine(_ml, 50, seed: 2), EarlyStoppingPatience = 2,
        };
        using var model = new RegressionMlpTrainer(_ml, options).Fit(train);

        Assert.All(model.History, m => Assert.True(m.ValidationLoss > 0));
        Assert.All(model.History, m => Assert.True(double.IsNaN(m.ValidationAccuracy!.Value)));
    }

    // Each named output of the exported graph equals the model's column of that name, on every row of the data.
    private static void AssertExportComputesTheColumns(MlpPredictionTransformer model, IDataView data, int width, params string[] columns)
    {
        var outputs = RunExported(model, data, width);
        foreach (var column in columns)
            Assert.Equal(model.Transform(data).GetColumn<float>(column).ToArray(), outputs[column], new FloatComparer());
    }

    private static Dictionary<string, float[]> RunExported(MlpPredictionTransformer model, IDataView data, int width)
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("model.onnx");
        model.ExportOnnx(path);
        var features = data.GetColumn<float[]>("Features").ToArray();
        var input = new DenseTensor<float>(features.SelectMany(f => f).ToArray(), [features.Length, width]);
        using var session = new InferenceSession(path);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Features", input)]);
        Assert.Equal(MlpTask.Regression == model.Card.Task ? 1 : 2, results.Count);
        return results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());
    }

    private sealed class FloatComparer : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= 1e-5f * Math.Max(1, Math.Abs(x));
        public int GetHashCode(float value) => 0;
    }
}
