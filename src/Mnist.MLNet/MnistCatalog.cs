using Mnist.MLNet.Data;

namespace Mnist.MLNet;

/// <summary>MNIST entry points on ML.NET's catalogs.</summary>
public static class MnistCatalog
{
    /// <summary>Loads one split of MNIST (or Fashion-MNIST) from <paramref name="directory"/> as an <see cref="IDataView"/>
    /// with <c>Label</c> (UInt32) and <c>Features</c> (784 Single in [0,1]).</summary>
    /// <remarks>Reads the official file names, gzipped or unpacked. Download them first with the downloader.</remarks>
    public static MnistDataView LoadMnist(this DataOperationsCatalog catalog, string directory,
        MnistSplit split = MnistSplit.Train, MnistDataset dataset = MnistDataset.Mnist)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var (images, labels) = MnistResources.Split(dataset, split);
        return new MnistDataView(MnistResources.Locate(directory, images), MnistResources.Locate(directory, labels));
    }

    /// <summary>Holds out about <paramref name="validationFraction"/> of <paramref name="data"/>'s rows for validation,
    /// chosen by <paramref name="seed"/>: the same seed picks the same rows, so a resumed run trains on the same set.</summary>
    /// <remarks>ML.NET's <c>TrainTestSplit</c> draws one random number per row, so the held-out count is close to,
    /// not exactly, the fraction; the data is streamed, never copied.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationFraction"/> is not in (0, 1).</exception>
    public static (IDataView Train, IDataView Validation) HoldOutValidation(this DataOperationsCatalog catalog, IDataView data,
        double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "Must be in (0, 1).");
        var split = catalog.TrainTestSplit(data, validationFraction, seed: seed);
        return (split.TrainSet, split.TestSet);
    }
}
