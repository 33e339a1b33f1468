using Mnist.MLNet.Display;
using SkiaSharp;

namespace Mnist.MLNet.Tests.Display;

public class DigitPictureTests
{
    // A diagonal ramp: every pixel differs from its neighbours, so a misplaced row or column shows.
    private static float[] Ramp() => Enumerable.Range(0, 784).Select(i => (i % 28 + i / 28) / 54f).ToArray();

    [Fact]
    public void ToPng_Scale3_DecodesToTheScaledGreyLevels()
    {
        var pixels = Ramp();

        var png = DigitPicture.ToPng(pixels, scale: 3);

        // SkiaSharp's decoder is independent of the encoder and rejects a bad CRC or zlib stream.
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((84, 84), (bitmap.Width, bitmap.Height));
        for (int y = 0; y < 84; y++)
            for (int x = 0; x < 84; x++)
                Assert.Equal((byte)Math.Round(255 * pixels[y / 3 * 28 + x / 3]), bitmap.GetPixel(x, y).Red);
    }

    [Fact]
    public void GridToPng_ThreeImagesTwoColumns_LaysOutTwoRowsWithBorders()
    {
        var black = new float[784];
        var white = Enumerable.Repeat(1f, 784).ToArray();

        var png = DigitPicture.GridToPng([black, white, white], columns: 2, scale: 1, border: 2);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((2 * 30 + 2, 2 * 30 + 2), (bitmap.Width, bitmap.Height));
        Assert.Equal(0, bitmap.GetPixel(2, 2).Red);
        Assert.Equal(255, bitmap.GetPixel(32, 2).Red);
        Assert.Equal(255, bitmap.GetPixel(2, 32).Red);
        Assert.NotEqual(0, bitmap.GetPixel(0, 0).Red);
    }

    [Fact]
    public void GridToPng_WrongPixelCount_ThrowsNamingTheImage()
    {
        var e = Assert.Throws<ArgumentException>(() => DigitPicture.GridToPng([new float[784], new float[10]]));

        Assert.Contains("Image 1 has 10 pixels", e.Message);
    }
}
