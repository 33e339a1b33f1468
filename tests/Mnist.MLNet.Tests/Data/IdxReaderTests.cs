using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;

namespace Mnist.MLNet.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Header: magic, count, then one int per item dimension; IDX integers are big-endian.
    private static byte[] Idx(int magic, int count, int[] shape, byte[] body)
    {
        var header = new byte[4 * (2 + shape.Length)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count);
        for (int i = 0; i < shape.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8 + 4 * i), shape[i]);
        return [.. header, .. body];
    }

    private static byte[] Labels(params byte[] labels) => Idx(IdxHeader.LabelsMagic, labels.Length, [], labels);

    private static byte[] Images(int count, int rows = 28, int columns = 28, int? declared = null) =>
        Idx(IdxHeader.ImagesMagic, declared ?? count, [rows, columns], Enumerable.Range(0, count * rows * columns).Select(i => (byte)i).ToArray());

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(data);
        return buffer.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        var path = _dir.Combine(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static IdxFormatException AssertRefused(string path, Action read)
    {
        var e = Assert.Throws<IdxFormatException>(read);
        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.FilePath);
        return e;
    }

    [Fact]
    public void ReadLabels_ValidRawAndGzip_ReturnsLabels()
    {
        var raw = Write("labels", Labels(3, 1, 4));
        var gz = Write("labels.gz", Gzip(Labels(3, 1, 4)));

        Assert.Equal([3, 1, 4], IdxReader.ReadLabels(raw));
        Assert.Equal([3, 1, 4], IdxReader.ReadLabels(gz));
    }

    [Fact]
    public void ReadLabels_EmptyFile_ThrowsIdxFormatException()
    {
        var path = Write("empty", []);

        var e = AssertRefused(path, () => IdxReader.ReadLabels(path));

        Assert.Contains("truncated header", e.Message);
    }

    [Fact]
    public void ReadLabels_EmptyGzip_ThrowsIdxFormatException()
    {
        var path = Write("empty.gz", Gzip([]));

        AssertRefused(path, () => IdxReader.ReadLabels(path));
    }

    [Fact]
    public void ReadHeader_TruncatedHeader_ThrowsIdxFormatException()
    {
        var path = Write("images", Images(1)[..10]);

        var e = AssertRefused(path, () => IdxReader.ReadHeader(path, IdxHeader.ImagesMagic, 28, 28));

        Assert.Contains("truncated header", e.Message);
    }

    [Fact]
    public void ReadLabels_TruncatedRawBody_ThrowsIdxFormatException()
    {
        var path = Write("labels", Labels(1, 2, 3, 4, 5)[..^2]);

        var e = AssertRefused(path, () => IdxReader.ReadLabels(path));

        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void ReadLabels_TruncatedGzipBody_ThrowsIdxFormatException()
    {
        var path = Write("labels.gz", Gzip(Labels(1, 2, 3, 4, 5)[..^2]));

        AssertRefused(path, () => IdxReader.ReadLabels(path));
    }

    [Fact]
    public void ReadLabels_RealGzipCutInHalf_ThrowsIdxFormatException()
    {
        var real = File.ReadAllBytes(Path.Combine(MnistFixture.Directory, "train-labels-idx1-ubyte.gz"));
        var path = Write("train-labels-idx1-ubyte.gz", real[..(real.Length / 2)]);

        AssertRefused(path, () => IdxReader.ReadLabels(path));
    }

    [Fact]
    public void MnistDataView_RealImagesGzipCutInHalf_ThrowsIdxFormatException()
    {
        var real = File.ReadAllBytes(Path.Combine(MnistFixture.Directory, "t10k-images-idx3-ubyte.gz"));
        var images = Write("t10k-images-idx3-ubyte.gz", real[..(real.Length / 2)]);
        var labels = Path.Combine(MnistFixture.Directory, "t10k-labels-idx1-ubyte.gz");

        AssertRefused(images, () => new MnistDataView(images, labels));
    }

    [Fact]
    public void ReadLabels_WrongMagic_ThrowsIdxFormatException()
    {
        var path = Write("labels", Images(1));

        var e = AssertRefused(path, () => IdxReader.ReadLabels(path));

        Assert.Contains("magic 0x00000803", e.Message);
    }

    [Fact]
    public void ReadHeader_WrongItemSize_ThrowsIdxFormatException()
    {
        var path = Write("images.gz", Gzip(Images(2, rows: 27)));

        var e = AssertRefused(path, () => IdxReader.ReadHeader(path, IdxHeader.ImagesMagic, 28, 28));

        Assert.Contains("27x28", e.Message);
    }

    [Fact]
    public void ReadLabels_CorruptGzipBlockHeader_ThrowsIdxFormatException()
    {
        var gz = Gzip(Labels(1, 2, 3));
        gz[10] = 0xFF;   // first deflate block: BTYPE 11 is reserved, so inflating fails at once
        var path = Write("labels.gz", gz);

        var e = AssertRefused(path, () => IdxReader.ReadLabels(path));

        Assert.Contains("corrupt gzip", e.Message);
    }

    [Fact]
    public void ReadLabels_CorruptGzipMidBody_ThrowsIdxFormatException()
    {
        var gz = File.ReadAllBytes(Path.Combine(MnistFixture.Directory, "train-labels-idx1-ubyte.gz"));
        for (int i = gz.Length / 2; i < gz.Length / 2 + 64; i++) gz[i] ^= 0x5A;
        var path = Write("train-labels-idx1-ubyte.gz", gz);

        AssertRefused(path, () => IdxReader.ReadLabels(path));
    }

    [Fact]
    public void MnistDataView_ImageLabelCountMismatch_ThrowsIdxFormatException()
    {
        var images = Write("images", Images(3));
        var labels = Write("labels", Labels(1, 2));

        var e = AssertRefused(labels, () => new MnistDataView(images, labels));

        Assert.Contains(images, e.Message);
    }

    [Fact]
    public void MnistDataView_LabelOutsideZeroToNine_ThrowsNamingIndex()
    {
        var images = Write("images", Images(4));
        var labels = Write("labels.gz", Gzip(Labels(1, 2, 12, 3)));
        var view = new MnistDataView(images, labels);

        var e = AssertRefused(labels, () => view.GetColumn<uint>(MnistDataView.LabelColumnName).ToArray());

        Assert.Contains("label 12 at index 2", e.Message);
    }

    [Fact]
    public void MnistDataView_TruncatedImagesRaw_ThrowsIdxFormatException()
    {
        var images = Write("images", Images(4)[..^100]);
        var labels = Write("labels", Labels(1, 2, 3, 4));

        AssertRefused(images, () => new MnistDataView(images, labels));
    }

    // 13,000,000 images of 28x28 is ~10 GB: refused from the header and the file size, before anything is allocated for it.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Open_HeaderClaimsTenGigabytes_ThrowsFastWithoutAllocating(bool gzipped)
    {
        var bytes = Images(2, declared: 13_000_000);
        var path = Write(gzipped ? "huge.gz" : "huge", gzipped ? Gzip(bytes) : bytes);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var e = AssertRefused(path, () => IdxReader.Open(path, IdxHeader.ImagesMagic, 28, 28).Dispose());

        Assert.Contains("13000000", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 10_000_000, "allocated megabytes for a header");
    }

    [Fact]
    public void LoadMnist_HugeHeaderLabels_ThrowsIdxFormatException()
    {
        var images = Write("t10k-images-idx3-ubyte.gz", Gzip(Images(2)));
        var labels = Write("t10k-labels-idx1-ubyte.gz", Gzip(Idx(IdxHeader.LabelsMagic, 13_000_000, [], [1, 2])));

        AssertRefused(labels, () => new MLContext().Data.LoadMnist(_dir.Path, MnistSplit.Test));
    }
}
