using System.Text.Json;

namespace Mnist.Serving.Tests.Endpoints;

public class ModelEndpointTests(ServedModelFiles models) : FirstModelServerTests(models)
{
    [Fact]
    public async Task Model_Loaded_DescribesTheServedFile()
    {
        var model = await RunningServer.JsonAsync(await Server.Client.GetAsync("model"));

        Assert.Equal(Server.ModelPath, model.GetProperty("path").GetString());
        Assert.Equal(Server.ModelPath, model.GetProperty("target").GetString());
        Assert.Equal(new FileInfo(Server.ModelPath).Length, model.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(File.GetLastWriteTimeUtc(Server.ModelPath), model.GetProperty("writtenUtc").GetDateTime().ToUniversalTime());
        Assert.True(model.GetProperty("loadedUtc").GetDateTime().ToUniversalTime() <= DateTime.UtcNow);
    }

    [Fact]
    public async Task Model_Loaded_ReturnsEveryFieldOfTheSavedCard()
    {
        var saved = ModelCard.Read(Models.FirstPath);

        var card = (await RunningServer.JsonAsync(await Server.Client.GetAsync("model"))).GetProperty("card");

        Assert.Equal(saved.FormatVersion, card.GetProperty("formatVersion").GetInt32());
        Assert.Equal(saved.Producer, card.GetProperty("producer").GetString());
        Assert.Equal(saved.ProducerVersion, card.GetProperty("producerVersion").GetString());
        Assert.Equal("Features", card.GetProperty("featureColumnName").GetString());
        Assert.Equal(784, card.GetProperty("featureSize").GetInt32());
        Assert.Equal([28, 28], card.GetProperty("imageShape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(saved.LabelColumnName, card.GetProperty("labelColumnName").GetString());
        Assert.Equal(saved.LabelType, card.GetProperty("labelType").GetString());
        // Output order, as saved: MNIST's labels are keyed by first occurrence, so not 0-9.
        Assert.Equal(saved.ClassLabels, card.GetProperty("classLabels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(saved.ScoreColumnName, card.GetProperty("scoreColumnName").GetString());
        Assert.Equal(saved.PredictedLabelColumnName, card.GetProperty("predictedLabelColumnName").GetString());
        Assert.Equal(saved.TrainingOptions,
            card.GetProperty("trainingOptions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        var epoch = Assert.Single(card.GetProperty("history").EnumerateArray());
        Assert.Equal(saved.History[0].TrainAccuracy, epoch.GetProperty("trainAccuracy").GetDouble());
        // Nothing the card holds is left out, nothing else is added.
        var properties = typeof(ModelCard).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        Assert.Equal(properties.Order(), card.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Health_Loaded_OkWithoutTheModelPath()
    {
        var health = await RunningServer.JsonAsync(await Server.Client.GetAsync("health"));

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("loadedUtc").GetDateTime() > DateTime.MinValue);
        // Where the model lives is for /model and the log, not for whoever may probe health.
        Assert.DoesNotContain(Path.GetDirectoryName(Server.ModelPath)!, health.GetRawText());
        Assert.DoesNotContain("model.zip", health.GetRawText());
    }

    [Fact]
    public async Task OpenApi_Served_DescribesEveryEndpoint()
    {
        var document = await RunningServer.JsonAsync(await Server.Client.GetAsync(MnistServer.OpenApiPath.TrimStart('/')));

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
        var response = await Server.Client.GetAsync("");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<canvas id=\"pad\" width=\"280\" height=\"280\"", html);
        Assert.DoesNotContain("http://", html);   // nothing fetched from elsewhere
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public async Task Requests_Logged_OneStructuredEntryEach()
    {
        await Server.Client.GetAsync("health");
        await Server.Client.GetAsync("no-such-page");

        var requests = Server.Logs.Entries.Where(e => e.Category == "Mnist.Serving.Http.RequestLog").ToList();
        Assert.Equal(2, requests.Count);
        var state = requests[1].State.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("GET", state["Method"]);
        Assert.Equal("/no-such-page", state["Path"]);
        Assert.Equal(404, state["StatusCode"]);
        Assert.IsType<double>(state["ElapsedMilliseconds"]);
    }
}
