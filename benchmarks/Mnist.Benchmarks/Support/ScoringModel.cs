using Mnist.MLNet.Models;

namespace Mnist.Benchmarks;

/// <summary>A trained 784-512-256-10 model saved as a zip, and the test images as rows, for the scoring modes.</summary>
public sealed class ScoringModel : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mnist-bench-").FullName;

    public ScoringModel(string dataDirectory, int epochs = 1, int rows = 0)
    {
        MLContext = new MLContext(seed: 1);
        // Scoring time does not depend on how well the weights are trained; one epoch gives the real shapes.
        Model = MlpTraining.Fit(dataDirectory, new MlpTrainer.Options { MaxEpoch = epochs, Seed = 1 }, rows: rows);
        var test = MLContext.Data.LoadMnist(dataDirectory, MnistSplit.Test);
        Test = MLContext.Data.Cache(test);
        _ = Test.GetColumn<uint>("Label").Count();   // fill the cache: time scoring, not gunzip
        Digits = MLContext.Data.CreateEnumerable<MnistImage>(Test, reuseRowObject: false).ToArray();
        ZipPath = Path.Combine(_directory, "model.zip");
        MLContext.Model.SaveAtomically(Model, test.Schema, ZipPath);
    }

    public MLContext MLContext { get; }
    public MlpTransformer Model { get; }
    public IDataView Test { get; }
    public MnistImage[] Digits { get; }
    public string ZipPath { get; }

    public void Dispose()
    {
        Model.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
