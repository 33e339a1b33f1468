namespace Mnist.MLNet.Tests;

/// <summary>Where the real MNIST files are for these tests (see <see cref="MnistDataLocator"/>: <c>MNIST_DATA</c>, else
/// the repository's <c>data/mnist</c>, downloaded there on first use).</summary>
public static class MnistFixture
{
    public static string Directory => MnistDataLocator.Default;

    /// <summary>The first <paramref name="rows"/> training images with the label mapped to a key, as a trainer reads them.</summary>
    public static IDataView KeyedTrainRows(MLContext ml, int rows)
    {
        var data = ml.Data.TakeRows(ml.Data.LoadMnist(Directory, MnistSplit.Train), rows);
        return ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }
}
