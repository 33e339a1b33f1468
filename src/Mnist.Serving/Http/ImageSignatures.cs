namespace Mnist.Serving.Http;

/// <summary>Tells picture formats apart by their first bytes, so that a body is decoded only when it really is a
/// PNG or JPEG: the decoder would also read GIF, BMP, WebP, ICO and WBMP (which any random bytes may pass for).</summary>
internal static class ImageSignatures
{
    // The accepted formats first; the others only name what was sent in the refusal.
    private static readonly (string Name, byte[] Magic, int Offset)[] Known =
    [
        ("PNG", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("JPEG", [0xFF, 0xD8, 0xFF], 0),
        ("GIF", "GIF8"u8.ToArray(), 0),
        ("WebP", "WEBP"u8.ToArray(), 8),
        ("BMP", "BM"u8.ToArray(), 0),
        ("ICO", [0, 0, 1, 0], 0),
        ("TIFF", "II*\0"u8.ToArray(), 0),
        ("TIFF", "MM\0*"u8.ToArray(), 0),
    ];

    /// <summary>The format <paramref name="body"/> begins as; null when it is none of those known.</summary>
    public static string? Name(ReadOnlySpan<byte> body)
    {
        foreach (var (name, magic, offset) in Known)
            if (body.Length >= offset + magic.Length && body.Slice(offset, magic.Length).SequenceEqual(magic)) return name;
        return null;
    }

    /// <summary>415 unless <paramref name="body"/> begins as a PNG or JPEG; returns which.</summary>
    public static string RequirePngOrJpeg(ReadOnlySpan<byte> body) => Name(body) switch
    {
        "PNG" => "PNG",
        "JPEG" => "JPEG",
        null => throw new BadInputException("body is not a PNG or JPEG picture (its first bytes are no known picture format's)",
            StatusCodes.Status415UnsupportedMediaType),
        var other => throw new BadInputException($"body is a picture in {other} format, only PNG and JPEG are accepted",
            StatusCodes.Status415UnsupportedMediaType),
    };
}
