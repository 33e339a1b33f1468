using System.Buffers.Binary;
using System.IO.Compression;

namespace Mnist.MLNet.Data;

/// <summary>What an IDX file's header declares: element type, item count and the size of each item.</summary>
public sealed record IdxHeader(int Magic, int Count, IReadOnlyList<int> ItemShape, int HeaderBytes)
{
    public const int LabelsMagic = 0x00000801;   // 2049: unsigned bytes, one dimension
    public const int ImagesMagic = 0x00000803;   // 2051: unsigned bytes, three dimensions

    /// <summary>Bytes in one item (one label, or rows x columns of one image).</summary>
    public int ItemBytes => ItemShape.Aggregate(1, (a, b) => a * b);
}

/// <summary>Reads IDX files (the MNIST format), gzipped or raw, as streams: no file is loaded whole.</summary>
public static class IdxReader
{
    // Deflate cannot expand data by more than about 1032:1, so a gzip file of N bytes holds at most ~1032N bytes.
    private const long MaxDeflateRatio = 1032;

    /// <summary>Opens <paramref name="path"/>, checks its header against the expected kind and item shape,
    /// and returns a stream positioned at the first item.</summary>
    /// <param name="path">The IDX file, gzipped or raw.</param>
    /// <param name="expectedMagic">Either <see cref="IdxHeader.LabelsMagic"/> or <see cref="IdxHeader.ImagesMagic"/>.</param>
    /// <param name="expectedItemShape">For images, rows and columns (28, 28); empty for labels.</param>
    public static IdxStream Open(string path, int expectedMagic, params int[] expectedItemShape)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            bool gzipped = IsGzip(file);
            Stream payload = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
            var header = ReadHeader(path, payload, expectedMagic, expectedItemShape);
            long declared = header.HeaderBytes + (long)header.Count * header.ItemBytes;
            if (!gzipped && file.Length != declared)
                throw new IdxFormatException(path, file.Length < declared
                    ? $"truncated: header declares {header.Count} items ({declared} bytes) but the file has {file.Length} bytes"
                    : $"{file.Length - declared} bytes of trailing data after {header.Count} declared items");
            if (gzipped) CheckGzipCanHold(path, file, declared, header.Count);
            return new IdxStream(path, header, payload);
        }
        catch (IdxFormatException) { file.Dispose(); throw; }
        catch (InvalidDataException e) { file.Dispose(); throw new IdxFormatException(path, $"corrupt gzip data ({e.Message})", e); }
        catch (EndOfStreamException) { file.Dispose(); throw new IdxFormatException(path, "truncated header"); }
        catch { file.Dispose(); throw; }
    }

    /// <summary>Reads every label of a label file.</summary>
    public static byte[] ReadLabels(string path)
    {
        using var labels = Open(path, IdxHeader.LabelsMagic);
        var result = new byte[labels.Header.Count];
        labels.ReadItems(result, labels.Header.Count);
        return result;
    }

    /// <summary>Reads the header only.</summary>
    public static IdxHeader ReadHeader(string path, int expectedMagic, params int[] expectedItemShape)
    {
        using var stream = Open(path, expectedMagic, expectedItemShape);
        return stream.Header;
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> start = stackalloc byte[2];
        int read = file.Read(start);
        file.Position = 0;
        return read == 2 && start[0] == 0x1f && start[1] == 0x8b;
    }

    private static IdxHeader ReadHeader(string path, Stream payload, int expectedMagic, int[] expectedItemShape)
    {
        Span<byte> word = stackalloc byte[4];
        // IDX stores every integer big-endian (it was written on big-endian machines); flip on read.
        int magic = ReadInt32BigEndian(payload, word);
        if (magic != expectedMagic)
        {
            string kind = expectedMagic == IdxHeader.LabelsMagic ? "label" : "image";
            throw new IdxFormatException(path,
                $"magic 0x{magic:X8} is not an IDX {kind} file (expected 0x{expectedMagic:X8})");
        }
        int dims = magic & 0xFF;
        int count = ReadInt32BigEndian(payload, word);
        if (count < 0) throw new IdxFormatException(path, $"negative item count {count}");
        var shape = new int[dims - 1];
        for (int i = 0; i < shape.Length; i++) shape[i] = ReadInt32BigEndian(payload, word);
        if (!shape.SequenceEqual(expectedItemShape))
            throw new IdxFormatException(path,
                $"items are {string.Join("x", shape)}, expected {string.Join("x", expectedItemShape)}");
        return new IdxHeader(magic, count, shape, 4 * (2 + shape.Length));
    }

    private static int ReadInt32BigEndian(Stream stream, Span<byte> word)
    {
        stream.ReadExactly(word);
        return BinaryPrimitives.ReadInt32BigEndian(word);
    }

    // A gzip member ends with the uncompressed size mod 2^32; it catches a wrong count without decompressing,
    // so a tiny file that claims billions of items is refused before anyone allocates for them.
    private static void CheckGzipCanHold(string path, FileStream file, long declared, int count)
    {
        long compressed = file.Length;
        if (declared > compressed * MaxDeflateRatio)
            throw new IdxFormatException(path,
                $"header declares {count} items ({declared} bytes) but a {compressed}-byte gzip file cannot hold that much");
        if (compressed < 18) return;
        long position = file.Position;
        Span<byte> trailer = stackalloc byte[4];
        file.Position = compressed - 4;
        file.ReadExactly(trailer);
        file.Position = position;
        uint isize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        if (declared <= uint.MaxValue && isize != declared)
            throw new IdxFormatException(path, isize < declared
                ? $"truncated or corrupt: header declares {count} items ({declared} bytes) but the gzip trailer records {isize} bytes"
                : $"gzip trailer records {isize} bytes, more than the {declared} bytes of the {count} declared items");
    }
}

/// <summary>An open IDX file positioned at its items.</summary>
public sealed class IdxStream : IDisposable
{
    private readonly Stream _payload;
    private int _itemsRead;

    internal IdxStream(string path, IdxHeader header, Stream payload)
    {
        Path = path;
        Header = header;
        _payload = payload;
    }

    public string Path { get; }
    public IdxHeader Header { get; }

    /// <summary>Reads the next <paramref name="items"/> items into <paramref name="buffer"/>.</summary>
    /// <exception cref="IdxFormatException">The file ends early or its compressed data is corrupt.</exception>
    public void ReadItems(Span<byte> buffer, int items)
    {
        if (_itemsRead + items > Header.Count)
            throw new InvalidOperationException($"{Path}: only {Header.Count - _itemsRead} items remain");
        int bytes = items * Header.ItemBytes;
        int done = 0;
        try
        {
            while (done < bytes)
            {
                int n = _payload.Read(buffer.Slice(done, bytes - done));
                if (n == 0)
                    throw new IdxFormatException(Path,
                        $"truncated: ended inside item {_itemsRead + done / Header.ItemBytes} of {Header.Count} declared");
                done += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException(Path, $"corrupt gzip data near item {_itemsRead + done / Header.ItemBytes} ({e.Message})", e);
        }
        _itemsRead += items;
    }

    public void Dispose() => _payload.Dispose();
}
