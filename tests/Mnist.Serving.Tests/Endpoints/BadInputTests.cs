using System.Net.Http.Json;

namespace Mnist.Serving.Tests.Endpoints;

/// <summary>Every kind of bad request gets 400, 413 or 415 with <c>{"error": "one line"}</c>; never a 500.</summary>
public class BadInputTests(ServedModelFiles models) : FirstModelServerTests(models)
{
    /// <summary>The 784 pixels of a blank digit, comma-separated: what JSON and CSV bodies are built around.</summary>
    internal static readonly string Zeros = string.Join(',', Enumerable.Repeat("0", 784));

    [Theory]
    [InlineData("predict", "{\"pixels\": [1, 2,", 400, "malformed JSON")]
    [InlineData("predict", "not json", 400, "malformed JSON")]
    [InlineData("predict", "{\"pixels\": [1, 2, 3]}", 400, "holds 3 values, expected 784")]
    [InlineData("predict", "{\"pixels\": [NaN]}", 400, "malformed JSON")]
    [InlineData("predict", "{\"pixels\": [\"NaN\", ZEROS]}", 400, "is the string \"NaN\"")]
    [InlineData("predict", "{\"pixels\": [256, ZEROS]}", 400, "'pixels[0]' is 256")]
    [InlineData("predict", "{\"pixels\": [-1, ZEROS]}", 400, "'pixels[0]' is -1")]
    [InlineData("predict", "{\"pixels\": [1e400, ZEROS]}", 400, "'pixels[0]' is 1e400")]
    [InlineData("predict", "{\"pixels\": [null, ZEROS]}", 400, "'pixels[0]' is null")]
    [InlineData("predict", "{\"pixels\": \"0,0,0\"}", 400, "expected an array of 784 numbers")]
    [InlineData("predict", "[0, 0]", 400, "expected an object with 'pixels'")]
    [InlineData("predict", "{\"image\": []}", 400, "body has no 'pixels'")]
    [InlineData("predict/batch", "{\"images\": []}", 400, "'images' is empty")]
    [InlineData("predict/batch", "{\"images\": [[ZEROS, 0], [1]]}", 400, "'images[1]' holds 1 values")]
    [InlineData("predict/batch", "{\"pixels\": [ZEROS, 0]}", 400, "body has no 'images'")]
    public async Task Post_BadJson_RefusedWithOneLine(string path, string body, int status, string error)
    {
        var response = await Server.Client.PostAsync(path, new StringContent(body.Replace("ZEROS", Zeros[2..]), Encoding.UTF8, "application/json"));

        await AssertRefusedAsync(response, status, error);
    }

    [Fact]
    public async Task Predict_UndecodableImage_Refused()
    {
        var response = await Server.Client.PostAsync("predict", PredictEndpointTests.Body("these bytes are no picture"u8.ToArray(), "image/png"));

        await AssertRefusedAsync(response, 415, "not a PNG or JPEG picture");
    }

    [Fact]
    public async Task Predict_TruncatedPng_Refused()
    {
        var png = TestPictures.Encode(Models.TestImages[0]);

        var response = await Server.Client.PostAsync("predict", PredictEndpointTests.Body(png[..(png.Length / 2)], "image/png"));

        await AssertRefusedAsync(response, 400, "truncated");
    }

    [Fact]
    public async Task Predict_ImageWiderThanLimit_RefusedBeforeDecoding()
    {
        await using var server = await RunningServer.StartAsync(Models.FirstPath, o => o.MaxImageSide = 500);

        var response = await server.Client.PostAsync("predict", PredictEndpointTests.Body(TestPictures.Blank(600, 10), "image/png"));

        await AssertRefusedAsync(response, 413, "600x10 pixels, at most 500x500");
    }

    [Fact]
    public async Task Predict_EmptyBody_Refused()
    {
        var response = await Server.Client.PostAsync("predict", PredictEndpointTests.Body([], "image/png"));

        await AssertRefusedAsync(response, 400, "empty body");
    }

    [Fact]
    public async Task Predict_WrongContentType_Refused415()
    {
        var response = await Server.Client.PostAsync("predict", new StringContent(Zeros, Encoding.UTF8, "text/csv"));

        await AssertRefusedAsync(response, 415, "text/csv is not accepted");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Predict_BodyOverLimit_Refused413(bool chunked)
    {
        await using var server = await RunningServer.StartAsync(Models.FirstPath, o => o.MaxBodyBytes = 64 * 1024);
        var request = new HttpRequestMessage(HttpMethod.Post, "predict") { Content = PredictEndpointTests.Body(new byte[200 * 1024], "image/png") };
        // Chunked: no length up front, so the limit is found while reading.
        request.Headers.TransferEncodingChunked = chunked;

        var response = await server.Client.SendAsync(request);

        await AssertRefusedAsync(response, 413, "over the limit of 65536 bytes");
    }

    [Fact]
    public async Task PredictBatch_MoreImagesThanLimit_Refused413()
    {
        await using var server = await RunningServer.StartAsync(Models.FirstPath, o => o.MaxBatchImages = 10);

        var response = await server.Client.PostAsJsonAsync("predict/batch", new { images = Models.TestImages.Take(11) });

        await AssertRefusedAsync(response, 413, "holds more than 10 images, at most 10");
    }

    internal static async Task AssertRefusedAsync(HttpResponseMessage response, int status, string error)
    {
        var answer = await RunningServer.JsonAsync(response, status);
        var message = answer.GetProperty("error").GetString()!;
        Assert.Contains(error, message);
        Assert.DoesNotContain('\n', message);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }
}
