using SkiaSharp;

namespace Mnist.MLNet.Data;

/// <summary>Turns a picture file of one digit (PNG, JPEG, BMP, ...) into the 784 features an MNIST model reads:
/// decodes it with SkiaSharp, then prepares it with <see cref="DigitPixels"/>.</summary>
public static class DigitImage
{
    /// <summary>Decodes <paramref name="path"/> and prepares it; <see cref="DigitInputException"/> if it is not a readable image.</summary>
    public static float[] Load(string path)
    {
        var (grey, width, height) = Decode(path);
        return DigitPixels.Prepare(grey, width, height);
    }

    /// <summary>Decodes an image file to 8-bit grey (luma of sRGB, composited on white where transparent).</summary>
    internal static (byte[] Grey, int Width, int Height) Decode(string path)
    {
        using var codec = SKCodec.Create(path, out var result);
        if (codec is null)
            throw new DigitInputException(path, $"not a readable image ({result})");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        var decoded = codec.GetPixels(info, pixels);
        if (decoded != SKCodecResult.Success)
            throw new DigitInputException(path, decoded == SKCodecResult.IncompleteInput
                ? "truncated image" : $"image could not be decoded ({decoded})");

        return (DigitPixels.Grey(pixels, info.Width, info.Height), info.Width, info.Height);
    }
}
