namespace Mnist.MLNet.Tests.Data;

public class DigitPixelsTests
{
    [Fact]
    public void Prepare_MnistDigitAsLargeDarkOnLightPicture_LandsNearOriginal()
    {
        var original = TestNetworks.TestFeatures[0];
        // 3x nearest-neighbour enlargement, black ink on white.
        var grey = new byte[84 * 84];
        for (int y = 0; y < 84; y++)
            for (int x = 0; x < 84; x++)
                grey[y * 84 + x] = (byte)(255 - Math.Round(original[(y / 3) * 28 + x / 3] * 255));

        var prepared = DigitPixels.Prepare(grey, 84, 84);

        double difference = prepared.Zip(original, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(difference < 0.1, $"mean absolute difference {difference}");
    }

    [Fact]
    public void Grey_TransparentAndGreyPixels_CompositesOnWhiteKeepsGrey()
    {
        byte[] rgba = [0, 0, 0, 0, 100, 100, 100, 255, 255, 0, 0, 255];

        var grey = DigitPixels.Grey(rgba, 3, 1);

        Assert.Equal([255, 100, 76], grey);
    }
}
