namespace Mnist.MLNet.Tests.Models;

public class BatchScoredDataViewTests
{
    private readonly MLContext _ml = new(seed: 0);

    private (MlpTransformer Model, IDataView Test) Centroids()
    {
        var label = TestNetworks.TrainLabelKey(_ml, out var toKey);
        var model = new MlpTransformer(_ml, TestNetworks.Centroids(TestNetworks.KeyValues(label)), "Features", label, []);
        return (model, toKey.Transform(_ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test)));
    }

    [Fact]
    public void Transform_AllTestRows_EqualsSavedChainRowByRow()
    {
        var (model, test) = Centroids();
        var batched = model.Transform(test);
        var chained = model.Chain.Transform(test);
        Assert.Equal(chained.Schema.Select(c => (c.Name, c.Type.ToString())), batched.Schema.Select(c => (c.Name, c.Type.ToString())));

        var scores = batched.GetColumn<float[]>("Score").ToArray();
        var expectedScores = chained.GetColumn<float[]>("Score").ToArray();
        Assert.Equal(10000, scores.Length);
        for (int i = 0; i < scores.Length; i++)
            for (int c = 0; c < 10; c++)
                Assert.Equal(expectedScores[i][c], scores[i][c], 1e-6f);
        Assert.Equal(chained.GetColumn<uint>("PredictedLabel"), batched.GetColumn<uint>("PredictedLabel"));
        Assert.Equal(chained.GetColumn<uint>("Label"), batched.GetColumn<uint>("Label"));
    }

    [Fact]
    public void Transform_Evaluate_SameMetricsAsChain()
    {
        var (model, test) = Centroids();
        var batched = _ml.MulticlassClassification.Evaluate(model.Transform(test));
        var chained = _ml.MulticlassClassification.Evaluate(model.Chain.Transform(test));
        Assert.Equal(chained.MicroAccuracy, batched.MicroAccuracy, 12);
        Assert.Equal(chained.LogLoss, batched.LogLoss, 6);
        Assert.InRange(batched.MicroAccuracy, 0.75, 0.9);
    }

    [Fact]
    public void Transform_PassThroughOnly_ReadsInputColumnsWithoutScoring()
    {
        var (model, test) = Centroids();
        var labels = model.Transform(test).GetColumn<uint>("Label").ToArray();
        Assert.Equal(test.GetColumn<uint>("Label"), labels);
    }
}
