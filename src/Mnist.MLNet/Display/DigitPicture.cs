using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Mnist.MLNet.Display;

/// <summary>Digits as greyscale PNG images, for notebooks and reports.</summary>
/// <remarks>Written in managed code because a notebook that loads the library with <c>#r</c> cannot find
/// SkiaSharp's native library, which is not on that host's search path.</remarks>
public static class DigitPicture
{
    /// <summary>Width and height of an MNIST image, in pixels.</summary>
    public const int Side = 28;

    // Grey between the digits of a grid, so black backgrounds do not run together.
    private const byte Border = 96;

    /// <summary>One image (784 values in [0, 1], row-major, 0 = black) as an 8-bit greyscale PNG, each pixel drawn as a
    /// <paramref name="scale"/> × <paramref name="scale"/> square.</summary>
    public static byte[] ToPng(float[] pixels, int scale = 4) => GridToPng([pixels], columns: 1, scale, border: 0);

    /// <summary>Images in a grid of <paramref name="columns"/>, a <paramref name="border"/>-pixel grey line between them.</summary>
    public static byte[] GridToPng(IReadOnlyList<float[]> images, int columns = 16, int scale = 2, int border = 2)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(images.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        ArgumentOutOfRangeException.ThrowIfNegative(border);
        for (int i = 0; i < images.Count; i++)
            if (images[i]?.Length != Side * Side)
                throw new ArgumentException($"Image {i} has {images[i]?.Length ?? 0} pixels, expected {Side * Side}.", nameof(images));

        columns = Math.Min(columns, images.Count);
        int rows = (images.Count + columns - 1) / columns, cell = Side * scale + border;
        int width = columns * cell + border, height = rows * cell + border;
        var grey = new byte[width * height];
        Array.Fill(grey, Border);
        for (int i = 0; i < images.Count; i++)
        {
            int left = i % columns * cell + border, top = i / columns * cell + border;
            for (int y = 0; y < Side * scale; y++)
                for (int x = 0; x < Side * scale; x++)
                    grey[(top + y) * width + left + x] =
                        (byte)Math.Round(255 * Math.Clamp(images[i][y / scale * Side + x / scale], 0f, 1f));
        }
        return EncodePng(grey, width, height);
    }

    /// <summary>The PNG as an HTML <c>img</c> element with a data URI, for <c>display(HTML(...))</c> in a notebook.</summary>
    public static string ToImgTag(byte[] png) => $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"/>";

    private static byte[] EncodePng(byte[] grey, int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), default compression and filter, no interlace
        WriteChunk(png, "IHDR", header);
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // each scanline starts with its filter type: none
                zlib.Write(grey, y * width, width);
            }
        WriteChunk(png, "IDAT", raw.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        // PNG's CRC covers the chunk type and data, not the length.
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
