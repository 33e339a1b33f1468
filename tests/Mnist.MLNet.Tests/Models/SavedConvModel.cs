using Mnist.MLNet.Network.Layers;

namespace Mnist.MLNet.Tests.Models;

/// <summary>A tiny convolutional stack (with batch norm and dropout) trained for one epoch on 2,000 MNIST rows, as
/// <c>mnist train --layers</c> fits it, and saved as a model zip; with its scores on the first test rows.</summary>
public sealed class SavedConvModel : IDisposable
{
    public const string Layers = "conv4k3,bn,pool2,drop0.1,conv8k3,pool2,dense16";
    private readonly TempDirectory _directory = new();

    public SavedConvModel()
    {
        MLContext = new MLContext(seed: 1);
        var train = MLContext.Data.TakeRows(MLContext.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Train), 2000);
        Test = MLContext.Data.TakeRows(MLContext.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test), 500);
        var pipeline = MLContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(MLContext.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
            {
                Layers = LayerStack.Parse(Layers), MaxEpoch = 1, Seed = 1, LearningRate = 3e-3,
            }))
            .Append(MLContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        Model = pipeline.Fit(train);
        Fitted = Model.OfType<MlpTransformer>().Single();
        Path = _directory.Combine("conv.zip");
        MLContext.Model.Save(Model, train.Schema, Path);
        var scored = Model.Transform(Test);
        TestScores = scored.GetColumn<float[]>("Score").ToArray();
        TestPredictions = scored.GetColumn<uint>("PredictedLabel").ToArray();
        TestLabels = Test.GetColumn<uint>("Label").ToArray();
    }

    public MLContext MLContext { get; }
    public IDataView Test { get; }
    public TransformerChain<Microsoft.ML.Transforms.KeyToValueMappingTransformer> Model { get; }
    public MlpTransformer Fitted { get; }
    public string Path { get; }

    /// <summary>The fitted model's Score (slot order) for each of <see cref="Test"/>'s rows.</summary>
    public float[][] TestScores { get; }
    public uint[] TestPredictions { get; }
    public uint[] TestLabels { get; }

    public void Dispose() => _directory.Dispose();
}
