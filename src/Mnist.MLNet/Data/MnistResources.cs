namespace Mnist.MLNet.Data;

/// <summary>Which dataset in the MNIST format.</summary>
public enum MnistDataset
{
    /// <summary>Handwritten digits 0-9 (LeCun, Cortes, Burges).</summary>
    Mnist,
    /// <summary>Zalando's Fashion-MNIST: ten kinds of clothing in the same format.</summary>
    Fashion,
}

/// <summary>Which half of a dataset.</summary>
public enum MnistSplit
{
    /// <summary>60,000 training images.</summary>
    Train,
    /// <summary>10,000 test images.</summary>
    Test,
}

/// <summary>One file of a dataset with the checksums that prove it genuine.</summary>
/// <param name="FileName">The official gzip file name.</param>
/// <param name="GzipMd5">md5 of the official .gz file.</param>
/// <param name="RawMd5">md5 of its uncompressed content (sources that repack or unpack the files are checked with it).</param>
public sealed record MnistResource(string FileName, string GzipMd5, string RawMd5)
{
    /// <summary>The file name without <c>.gz</c>, as unpacked copies are named.</summary>
    public string RawFileName => FileName[..^".gz".Length];
}

/// <summary>The facts of each dataset: where it is published and the four files with their checksums.</summary>
public static class MnistResources
{
    // The image size is defined once, by the row class in the scoring assembly that serving apps share.
    /// <summary>Rows of an image: <see cref="MnistImage.Rows"/>.</summary>
    public const int ImageRows = MnistImage.Rows;

    /// <summary>Columns of an image: <see cref="MnistImage.Columns"/>.</summary>
    public const int ImageColumns = MnistImage.Columns;

    /// <summary>Pixels of an image: <see cref="MnistImage.Pixels"/>.</summary>
    public const int ImagePixels = MnistImage.Pixels;

    public const int ClassCount = 10;

    /// <summary>The HTTPS mirrors torchvision downloads from, tried in order.</summary>
    public static IReadOnlyList<Uri> Mirrors(MnistDataset dataset) => dataset switch
    {
        MnistDataset.Mnist => [new("https://ossci-datasets.s3.amazonaws.com/mnist/")],
        MnistDataset.Fashion => [new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")],
        _ => throw new ArgumentOutOfRangeException(nameof(dataset)),
    };

    /// <summary>Images then labels of the training split, then of the test split.</summary>
    public static IReadOnlyList<MnistResource> Files(MnistDataset dataset) => dataset switch
    {
        MnistDataset.Mnist =>
        [
            new("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", "6bbc9ace898e44ae57da46a324031adb"),
            new("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", "a25bea736e30d166cdddb491f175f624"),
            new("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", "2646ac647ad5339dbf082846283269ea"),
            new("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", "27ae3e4e09519cfbb04c329615203637"),
        ],
        MnistDataset.Fashion =>
        [
            new("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
            new("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9"),
            new("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a"),
            new("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(dataset)),
    };

    /// <summary>The image and label files of one split.</summary>
    public static (MnistResource Images, MnistResource Labels) Split(MnistDataset dataset, MnistSplit split)
    {
        var files = Files(dataset);
        return split == MnistSplit.Train ? (files[0], files[1]) : (files[2], files[3]);
    }

    /// <summary>The class names: digits for MNIST, garment kinds for Fashion-MNIST.</summary>
    public static IReadOnlyList<string> ClassNames(MnistDataset dataset) => dataset == MnistDataset.Fashion
        ? ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        : ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>The data directory used when none is given: <c>data/mnist</c> (or <c>data/fashion-mnist</c>) under the current directory.</summary>
    public static string DefaultDirectory(MnistDataset dataset) =>
        Path.Combine(Environment.CurrentDirectory, "data", dataset == MnistDataset.Fashion ? "fashion-mnist" : "mnist");

    /// <summary>The path of a resource in <paramref name="directory"/>: the .gz file, or its unpacked twin when only that exists.</summary>
    public static string Locate(string directory, MnistResource resource)
    {
        var gz = Path.Combine(directory, resource.FileName);
        var raw = Path.Combine(directory, resource.RawFileName);
        return !File.Exists(gz) && File.Exists(raw) ? raw : gz;
    }
}
