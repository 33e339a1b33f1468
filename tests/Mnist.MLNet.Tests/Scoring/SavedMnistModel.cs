using Mnist.MLNet.Workflow;

namespace Mnist.MLNet.Tests.Scoring;

/// <summary>The tutorial pipeline trained for one epoch on real MNIST (about 10 s) and saved as a model zip.</summary>
public sealed class SavedMnistModel : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SavedMnistModel()
    {
        Path = _directory.Combine("model.zip");
        var run = MnistTraining.RunAsync(new MnistTraining.Options
        {
            DataDirectory = MnistFixture.Directory,
            DownloadIfMissing = false,
            Trainer = new MlpTrainer.Options { MaxEpoch = 1, Seed = 1 },
            ModelPath = Path,
        }).GetAwaiter().GetResult();
        (MLContext, Test, Model, Weights) = (run.MLContext, run.Test, run.Model, run.Network.Weights);
        var scored = Model.Transform(Test);
        TestPredictions = scored.GetColumn<uint>("PredictedLabel").ToArray();
        TestScores = scored.GetColumn<float[]>("Score").ToArray();
        TestLabels = Test.GetColumn<uint>("Label").ToArray();
    }

    public MLContext MLContext { get; }
    public IDataView Test { get; }
    public TransformerChain<Microsoft.ML.Transforms.KeyToValueMappingTransformer> Model { get; }
    public MlpWeights Weights { get; }
    public string Path { get; }

    /// <summary>The in-memory model's predicted digit for each MNIST test row.</summary>
    public uint[] TestPredictions { get; }

    /// <summary>The in-memory model's Score (slot order, not digit order) for each MNIST test row.</summary>
    public float[][] TestScores { get; }

    public uint[] TestLabels { get; }

    public string TestImagesPath => System.IO.Path.Combine(MnistFixture.Directory, "t10k-images-idx3-ubyte.gz");

    public void Dispose() => _directory.Dispose();
}
