using SkiaSharp;

namespace Mnist.Serving.Tests.Endpoints;

/// <summary>Picture bodies are what their bytes say, not what their content type says, and are refused on their
/// header when they would decode too large.</summary>
public class ImageBodyTests(ServedModelFiles models) : FirstModelServerTests(models)
{
    [Fact]
    public async Task Predict_TinyPngClaimingHugePicture_Refused413BeforeDecoding()
    {
        var png = TestPictures.Blank(2048, 2048);
        Assert.True(png.Length < 64 * 1024, $"{png.Length} bytes");   // small on the wire, 16 MiB decoded

        var response = await Server.Client.PostAsync("predict", PredictEndpointTests.Body(png, "image/png"));

        await BadInputTests.AssertRefusedAsync(response, 413, "2048x2048 = 4194304 pixels, at most 1048576 are decoded");
    }

    [Fact]
    public async Task Predict_PictureWithinPixelBudget_Scored()
    {
        await using var server = await RunningServer.StartAsync(Models.FirstPath, o => o.MaxImagePixels = 280 * 280);

        var response = await server.Client.PostAsync("predict", PredictEndpointTests.Body(TestPictures.Encode(Models.TestImages[0]), "image/png"));

        Assert.Equal((int)Models.TestLabels[0], (await RunningServer.JsonAsync(response)).GetProperty("digit").GetInt32());
    }

    [Theory]
    [InlineData("GIF", "a picture in GIF format")]
    [InlineData("BMP", "a picture in BMP format")]
    [InlineData("WebP", "a picture in WebP format")]
    [InlineData("ICO", "a picture in ICO format")]
    [InlineData("WBMP", "no known picture format")]
    public async Task Predict_OtherFormatSentAsPng_Refused415(string format, string error)
    {
        var response = await Server.Client.PostAsync("predict", PredictEndpointTests.Body(Picture(format), "image/png"));

        await BadInputTests.AssertRefusedAsync(response, 415, error);
    }

    [Fact]
    public async Task Predict_JpegSentAsPng_ScoredAsWhatItIs()
    {
        var jpeg = TestPictures.Encode(Models.TestImages[0], format: SKEncodedImageFormat.Jpeg);

        var response = await Server.Client.PostAsync("predict", PredictEndpointTests.Body(jpeg, "image/png"));

        Assert.Equal((int)Models.TestLabels[0], (await RunningServer.JsonAsync(response)).GetProperty("digit").GetInt32());
    }

    // Each format's own first bytes; the decoder would have read every one of them.
    private byte[] Picture(string format) => format switch
    {
        "GIF" => [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B],
        "BMP" => [.. "BM"u8, .. new byte[64]],
        "WebP" => TestPictures.Encode(Models.TestImages[0], format: SKEncodedImageFormat.Webp),
        "ICO" => [0, 0, 1, 0, 1, 0, 16, 16, .. new byte[64]],
        // Random bytes from a zero: a WBMP header, which the decoder accepts for almost anything.
        _ => [0, .. RandomBytes(115)],
    };

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(116).NextBytes(bytes);
        return bytes;
    }
}
