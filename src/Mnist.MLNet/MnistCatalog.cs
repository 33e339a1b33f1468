using Microsoft.ML;
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
}
