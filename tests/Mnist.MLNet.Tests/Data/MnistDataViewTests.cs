namespace Mnist.MLNet.Tests.Data;

public class MnistDataViewTests
{
    private readonly MLContext _ml = new(seed: 0);

    [Fact]
    public void LoadMnist_RealFiles_HaveOfficialCountsAndFirstLabels()
    {
        var train = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Train);
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);
        Assert.Equal(60000, train.GetRowCount());
        Assert.Equal(10000, test.GetRowCount());
        Assert.Equal([5u, 0u, 4u, 1u, 9u], train.GetColumn<uint>("Label").Take(5));
        Assert.Equal([7u, 2u, 1u, 0u, 4u], test.GetColumn<uint>("Label").Take(5));
    }

    [Fact]
    public void LoadMnist_TrainSplit_HistogramMeanAndStdMatchTorchvision()
    {
        var train = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Train);
        var histogram = new int[10];
        double sum = 0, sumSquares = 0;
        long pixels = 0;
        using var cursor = train.GetRowCursor(train.Schema);
        var label = cursor.GetGetter<uint>(train.Schema["Label"]);
        var features = cursor.GetGetter<VBuffer<float>>(train.Schema["Features"]);
        uint y = 0;
        VBuffer<float> x = default;
        while (cursor.MoveNext())
        {
            label(ref y);
            features(ref x);
            histogram[y]++;
            foreach (var v in x.DenseValues()) { sum += v; sumSquares += v * v; }
            pixels += x.Length;
        }
        double mean = sum / pixels, std = Math.Sqrt(sumSquares / pixels - mean * mean);
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], histogram);
        Assert.Equal(784L * 60000, pixels);
        Assert.InRange(mean, 0.1306, 0.1308);
        Assert.InRange(std, 0.3080, 0.3082);
    }

    [Fact]
    public void Schema_RealFiles_LabelUInt32AndFeatures784Singles()
    {
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);
        Assert.Equal(NumberDataViewType.UInt32, test.Schema["Label"].Type);
        var features = Assert.IsType<VectorDataViewType>(test.Schema["Features"].Type);
        Assert.Equal(784, features.Size);
        Assert.Equal(NumberDataViewType.Single, features.ItemType);
        var first = test.GetColumn<float[]>("Features").First();
        Assert.All(first, v => Assert.InRange(v, 0f, 1f));
        Assert.Contains(first, v => v == 1f);
    }

    [Fact]
    public void ShuffleRows_RealFiles_SameLabelsInAnotherOrder()
    {
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);
        var ordered = test.GetColumn<uint>("Label").ToArray();
        var shuffled = _ml.Data.ShuffleRows(test, seed: 1).GetColumn<uint>("Label").ToArray();
        Assert.NotEqual(ordered, shuffled);
        Assert.Equal(ordered.OrderBy(v => v), shuffled.OrderBy(v => v));
    }
}
