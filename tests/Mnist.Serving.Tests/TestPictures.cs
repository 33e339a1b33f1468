using SkiaSharp;

namespace Mnist.Serving.Tests;

/// <summary>Pictures of digits encoded as image files, as a client would upload them.</summary>
internal static class TestPictures
{
    /// <summary>An MNIST image enlarged <paramref name="scale"/> times, dark ink on light (as scanned), encoded.</summary>
    public static byte[] Encode(float[] features, int scale = 10, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        int side = 28 * scale;
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Gray8, SKAlphaType.Opaque));
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                byte ink = (byte)Math.Round(features[(y / scale) * 28 + x / scale] * 255);
                bitmap.SetPixel(x, y, new SKColor((byte)(255 - ink), (byte)(255 - ink), (byte)(255 - ink)));
            }
        using var data = bitmap.Encode(format, 95);
        return data.ToArray();
    }

    /// <summary>A blank PNG of the given size.</summary>
    public static byte[] Blank(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.White);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
