using Mnist.MLNet;
using Mnist.MLNet.Training;
using Mnist.MLNet.Workflow;

namespace Mnist.Serving.Tests;

/// <summary>Two small models trained once on real MNIST (one epoch, 784-128-10, two seeds: about 94% each, and
/// different probabilities for the same image), saved as zips; an ML.NET model of the same input that is not
/// ours; and some MNIST test images.</summary>
public sealed class ServedModelFiles : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ServedModelFiles()
    {
        var mlContext = new MLContext(seed: 1);
        var train = mlContext.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Train);
        var test = mlContext.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);
        FirstPath = Save(seed: 1, "first.zip");
        SecondPath = Save(seed: 2, "second.zip");
        ForeignPath = _directory.Combine("foreign.zip");
        mlContext.Model.Save(mlContext.Transforms.NormalizeMinMax("Features").Fit(train), train.Schema, ForeignPath);
        var rows = mlContext.Data.CreateEnumerable<MnistImage>(mlContext.Data.TakeRows(test, 200), reuseRowObject: false).ToArray();
        TestImages = rows.Select(r => r.Features).ToArray();
        TestLabels = rows.Select(r => r.Label).ToArray();
    }

    /// <summary>The model trained with seed 1.</summary>
    public string FirstPath { get; }

    /// <summary>The model trained with seed 2.</summary>
    public string SecondPath { get; }

    /// <summary>A loadable ML.NET model reading the same <c>Features</c>, but not fitted by Mnist.MLNet: no model card.</summary>
    public string ForeignPath { get; }

    /// <summary>The first 200 MNIST test images, 784 features in [0,1] each.</summary>
    public float[][] TestImages { get; }

    public uint[] TestLabels { get; }

    public void Dispose() => _directory.Dispose();

    private string Save(int seed, string name)
    {
        var path = _directory.Combine(name);
        MnistTraining.RunAsync(new MnistTraining.Options
        {
            DataDirectory = MnistFixture.Directory,
            DownloadIfMissing = false,
            Trainer = new MlpTrainer.Options { MaxEpoch = 1, Seed = seed, HiddenLayers = [128] },
            ModelPath = path,
        }).GetAwaiter().GetResult();
        return path;
    }
}

/// <summary>The test classes that serve <see cref="ServedModelFiles"/> or <see cref="TrainedModels"/>: trained once for
/// all of them, one test class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ServedModelCollection : ICollectionFixture<ServedModelFiles>, ICollectionFixture<TrainedModels>
{
    public const string Name = "served models";
}
