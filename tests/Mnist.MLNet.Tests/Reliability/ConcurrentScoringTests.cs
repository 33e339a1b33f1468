namespace Mnist.MLNet.Tests.Reliability;

public class ConcurrentScoringTests
{
    private static ITransformer ReloadedCentroidModel(MLContext ml)
    {
        var label = TestNetworks.TrainLabelKey(ml, out var toKey);
        var mlp = new MlpTransformer(ml, TestNetworks.Centroids(TestNetworks.KeyValues(label)), "Features", label, []);
        var model = new TransformerChain<ITransformer>(toKey, mlp);
        using var stream = new MemoryStream();
        ml.Model.Save(model, ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test).Schema, stream);
        stream.Position = 0;
        return new MLContext().Model.Load(stream, out _);
    }

    [Fact]
    public void PredictionEnginePool_8ThreadsX100000_EqualsSequentialResults()
    {
        var ml = new MLContext(seed: 0);
        var model = ReloadedCentroidModel(ml);
        var digits = ml.Data.CreateEnumerable<MnistImage>(ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test), reuseRowObject: false).ToArray();
        using var engine = ml.Model.CreatePredictionEngine<MnistImage, MnistPrediction>(model);
        var expected = digits.Select(d => engine.Predict(d)).ToArray();

        using var pool = new PooledPredictionEngine<MnistImage, MnistPrediction>(ml, model);
        const int Threads = 8, PerThread = 100_000;
        var mismatches = new int[Threads];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                int row = (i * 7 + t * 1237) % digits.Length;
                var p = pool.Predict(digits[row]);
                if (p.PredictedLabel != expected[row].PredictedLabel || !p.Score.AsSpan().SequenceEqual(expected[row].Score))
                    mismatches[t]++;
            }
        });
        Assert.All(mismatches, m => Assert.Equal(0, m));
    }

    [Fact]
    public void Predict_FeaturesOfWrongLength_ThrowsNamingTheSizes()
    {
        var ml = new MLContext(seed: 0);
        var model = ReloadedCentroidModel(ml);
        using var engine = ml.Model.CreatePredictionEngine<MnistImage, MnistPrediction>(model);
        var e = Assert.ThrowsAny<Exception>(() => engine.Predict(new MnistImage { Features = new float[700] }));
        Assert.Contains("784", e.Message);
        Assert.Contains("700", e.Message);
    }
}
