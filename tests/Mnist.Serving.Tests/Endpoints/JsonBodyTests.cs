using System.IO.Compression;
using System.Net.Http.Headers;

namespace Mnist.Serving.Tests.Endpoints;

/// <summary>JSON bodies at the edges of the format: escapes that are no text, duplicate keys, byte-order marks,
/// other charsets and encodings, and bodies far over the batch limit.</summary>
public class JsonBodyTests(ServedModelFiles models) : FirstModelServerTests(models)
{
    [Theory]
    [InlineData("predict")]
    [InlineData("predict/batch")]
    public async Task Post_LoneSurrogateInKey_Refused400WithoutLoggingAFailure(string path)
    {
        var response = await Server.Client.PostAsync(path, Json("{\"\\ud800x\":1}"));

        await BadInputTests.AssertRefusedAsync(response, 400, "a key holds an escape that is no character");
        Assert.DoesNotContain(Server.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Theory]
    [InlineData("predict", "{\"pixels\": [ZEROS], \"pixels\": [ZEROS]}", "duplicate key 'pixels'")]
    [InlineData("predict/batch", "{\"images\": [[ZEROS]], \"note\": 1, \"note\": 2}", "duplicate key 'note'")]
    public async Task Post_DuplicateKey_Refused400(string path, string body, string error)
    {
        var response = await Server.Client.PostAsync(path, Json(body.Replace("ZEROS", BadInputTests.Zeros)));

        await BadInputTests.AssertRefusedAsync(response, 400, error);
    }

    [Fact]
    public async Task Predict_Utf8ByteOrderMark_Accepted()
    {
        var json = $"{{\"pixels\": [{string.Join(',', Models.TestImages[0])}]}}";
        var plain = RunningServer.Probabilities(await RunningServer.JsonAsync(await Server.Client.PostAsync("predict", Json(json))));

        var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var withMark = RunningServer.Probabilities(await RunningServer.JsonAsync(await Server.Client.PostAsync("predict", content)));

        Assert.Equal(plain, withMark);
    }

    [Fact]
    public async Task Predict_Utf16Charset_Refused415()
    {
        var response = await Server.Client.PostAsync("predict", new StringContent($"{{\"pixels\": [{BadInputTests.Zeros}]}}", Encoding.Unicode, "application/json"));

        await BadInputTests.AssertRefusedAsync(response, 415, "charset utf-16 is not accepted, send JSON as UTF-8");
    }

    [Fact]
    public async Task Predict_GzipContentEncoding_Refused415()
    {
        using var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes($"{{\"pixels\": [{BadInputTests.Zeros}]}}"));
        var content = new ByteArrayContent(zipped.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await Server.Client.PostAsync("predict", content);

        await BadInputTests.AssertRefusedAsync(response, 415, "Content-Encoding gzip is not accepted, send the body uncompressed");
    }

    [Fact]
    public async Task PredictBatch_MillionsOfNumbersInOneImage_RefusedAtTheFirstValueTooMany()
    {
        // 4,000,000 numbers, just under the 8 MiB body limit.
        var body = "{\"images\": [[" + string.Join(',', Enumerable.Repeat("0", 4_000_000)) + "]]}";

        var response = await Server.Client.PostAsync("predict/batch", Json(body));

        await BadInputTests.AssertRefusedAsync(response, 400, "'images[0]' holds more than 784 values");
    }

    [Fact]
    public async Task PredictBatch_ThousandsOfImages_Refused413NamingTheLimit()
    {
        // 5,000 images of 784 zeros: about 7.8 MiB, under the body limit; refused as the 1,001st image begins.
        var image = "[" + BadInputTests.Zeros + "]";
        var body = "{\"images\": [" + string.Join(',', Enumerable.Repeat(image, 5_000)) + "]}";

        var response = await Server.Client.PostAsync("predict/batch", Json(body));

        await BadInputTests.AssertRefusedAsync(response, 413, "'images' holds more than 1000 images, at most 1000");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
