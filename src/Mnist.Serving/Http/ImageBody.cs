using SkiaSharp;

namespace Mnist.Serving.Http;

/// <summary>Decodes a PNG or JPEG body into 8-bit RGBA pixels (not premultiplied), checking its size on the header
/// before decoding.</summary>
internal static class ImageBody
{
    /// <summary>The pixels of <paramref name="body"/>: 415 unless its bytes are a PNG or JPEG (whatever the content
    /// type said), 413 when its header claims more pixels than the limits allow.</summary>
    public static (byte[] Rgba, int Width, int Height) Decode(byte[] body, int maxSide, long maxPixels)
    {
        var format = ImageSignatures.RequirePngOrJpeg(body);
        using var data = SKData.CreateCopy(body);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
            throw new BadInputException($"body of {body.Length} bytes starts as a {format} but is not a decodable one");
        int width = codec.Info.Width, height = codec.Info.Height;
        // Checked on the header, before decoding: a few hundred compressed bytes can claim a huge picture.
        if (width > maxSide || height > maxSide)
            throw new BadInputException($"image is {width}x{height} pixels, at most {maxSide}x{maxSide} are accepted", StatusCodes.Status413PayloadTooLarge);
        if ((long)width * height > maxPixels)
            throw new BadInputException($"image is {width}x{height} = {(long)width * height} pixels, at most {maxPixels} are decoded",
                StatusCodes.Status413PayloadTooLarge);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        var result = codec.GetPixels(info, rgba);
        if (result != SKCodecResult.Success)
            throw new BadInputException(result == SKCodecResult.IncompleteInput ? "image is truncated" : $"image could not be decoded ({result})");
        return (rgba, width, height);
    }
}
