using System.Runtime.InteropServices;
using Mnist.MLNet.Scoring.Pictures;
using SkiaSharp;

namespace Mnist.Serving.Http;

/// <summary>A PNG or JPEG body as the features of a model of pictures: resized to the model's square with the same
/// SkiaSharp sampling as <c>mnist train --images</c> and <c>mnist predict</c>, then read by <see cref="PictureFeatures"/>,
/// so a served picture scores as the same file given to the CLI.</summary>
internal static class PictureBody
{
    public static float[] Read(byte[] body, int size, bool color, MnistServerOptions options)
    {
        var (rgba, width, height) = ImageBody.Decode(body, options.MaxImageSide, options.MaxImagePixels);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(info);
        Marshal.Copy(rgba, 0, decoded.GetPixels(), rgba.Length);
        using var resized = decoded.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear))
            ?? throw new BadInputException($"image of {width}x{height} pixels could not be resized to {size}x{size}");
        return PictureFeatures.FromRgba(resized.Bytes, size, color);
    }
}
