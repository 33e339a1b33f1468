using Mnist.MLNet.Scoring.Pictures;
using SkiaSharp;

namespace Mnist.MLNet.Data;

/// <summary>A picture file (PNG, JPEG) as the features of a model trained on an image folder: decoded with
/// SkiaSharp, resized to a square of <c>size</c> pixels, grey (one plane) or colour (a red, a green and a blue
/// plane, channel-major as PyTorch lays images out), each plane row-major, each value in [0, 1]. No MNIST
/// preparation: the picture is taken as it is.</summary>
public static class FolderPicture
{
    /// <summary>The file extensions read as pictures.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg"];

    /// <summary>Decodes and resizes <paramref name="path"/>.</summary>
    /// <exception cref="DigitInputException">The file is not a picture SkiaSharp decodes; the message names it.</exception>
    public static float[] Load(string path, int size, bool color)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        using var codec = SKCodec.Create(path, out var result)
            ?? throw new DigitInputException(Path.GetFullPath(path), $"not a readable image ({result})");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(info);
        var status = codec.GetPixels(info, decoded.GetPixels());
        if (status != SKCodecResult.Success)
            throw new DigitInputException(Path.GetFullPath(path), status == SKCodecResult.IncompleteInput ? "truncated image" : $"image could not be decoded ({status})");
        using var resized = decoded.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear))
            ?? throw new DigitInputException(Path.GetFullPath(path), "image could not be resized");
        return PictureFeatures.FromRgba(resized.Bytes, size, color);
    }
}
