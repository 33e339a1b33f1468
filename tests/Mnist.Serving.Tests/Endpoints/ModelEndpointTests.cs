namespace Mnist.Serving.Tests.Endpoints;

[Collection(ServedModelCollection.Name)]
public class ModelEndpointTests(ServedModelFiles models)
{
    [Fact]
    public async Task Model_Loaded_DescribesFileInputAndClasses()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath);

        var card = await RunningServer.JsonAsync(await server.Client.GetAsync("model"));

        Assert.Equal(server.ModelPath, card.GetProperty("path").GetString());
        Assert.Equal(new FileInfo(server.ModelPath).Length, card.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(File.GetLastWriteTimeUtc(server.ModelPath), card.GetProperty("writtenUtc").GetDateTime().ToUniversalTime());
        Assert.Equal("Features", card.GetProperty("inputColumn").GetString());
        Assert.Equal(784, card.GetProperty("inputSize").GetInt32());
        Assert.Equal(Enumerable.Range(0, 10), card.GetProperty("classes").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, card.GetProperty("metadata").ValueKind);
    }

    [Fact]
    public async Task Health_Loaded_Ok()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath);

        var health = await RunningServer.JsonAsync(await server.Client.GetAsync("health"));

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(server.ModelPath, health.GetProperty("model").GetString());
    }

    [Fact]
    public async Task OpenApi_Served_DescribesEveryEndpoint()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath);

        var document = await RunningServer.JsonAsync(await server.Client.GetAsync(MnistServer.OpenApiPath.TrimStart('/')));

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/", "/predict", "/predict/batch", "/model", "/health" })
            Assert.True(paths.TryGetProperty(path, out _), $"no {path} in the OpenAPI document");
        var body = paths.GetProperty("/predict").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(body.TryGetProperty("application/json", out _));
        Assert.True(body.TryGetProperty("image/png", out _));
        Assert.True(body.TryGetProperty("image/jpeg", out _));
    }

    [Fact]
    public async Task Page_Served_IsSelfContainedWithCanvas()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath);

        var response = await server.Client.GetAsync("");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<canvas id=\"pad\" width=\"280\" height=\"280\"", html);
        Assert.DoesNotContain("http://", html);   // nothing fetched from elsewhere
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public async Task Requests_Logged_OneStructuredEntryEach()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath);

        await server.Client.GetAsync("health");
        await server.Client.GetAsync("no-such-page");

        var requests = server.Logs.Entries.Where(e => e.Category == "Mnist.Serving.Http.RequestLog").ToList();
        Assert.Equal(2, requests.Count);
        var state = requests[1].State.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("GET", state["Method"]);
        Assert.Equal("/no-such-page", state["Path"]);
        Assert.Equal(404, state["StatusCode"]);
        Assert.IsType<double>(state["ElapsedMilliseconds"]);
    }
}
