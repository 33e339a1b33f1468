using SkiaSharp;
using Mnist.MLNet.Scoring;

namespace Mnist.Serving.Http;

/// <summary>Decodes a PNG or JPEG body and prepares it as MNIST's digits were, with the code <c>mnist predict</c> uses
/// for image files (<see cref="DigitPixels"/>).</summary>
internal static class ImageBody
{
    /// <summary>The 784 features of the digit pictured in <paramref name="body"/>.</summary>
    public static float[] Read(byte[] body, int maxSide)
    {
        using var data = SKData.CreateCopy(body);
        using var codec = SKCodec.Create(data);
        if (codec is null) throw new BadInputException($"body of {body.Length} bytes is not a decodable image (expected PNG or JPEG)");
        int width = codec.Info.Width, height = codec.Info.Height;
        // Checked before decoding: a small compressed file can claim a huge picture.
        if (width > maxSide || height > maxSide)
            throw new BadInputException($"image is {width}x{height} pixels, at most {maxSide}x{maxSide} are accepted");
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        var result = codec.GetPixels(info, rgba);
        if (result != SKCodecResult.Success)
            throw new BadInputException(result == SKCodecResult.IncompleteInput ? "image is truncated" : $"image could not be decoded ({result})");
        return DigitPixels.Prepare(DigitPixels.Grey(rgba, width, height), width, height);
    }
}
