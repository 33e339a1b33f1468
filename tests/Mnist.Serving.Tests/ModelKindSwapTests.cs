using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mnist.Serving.Tests;

/// <summary>Hot swap across kinds of model: a digit model replaced by a model of a table and back, each answering
/// the requests its card describes, the page following.</summary>
[Collection(ServedModelCollection.Name)]
public class ModelKindSwapTests(ServedModelFiles digits, TrainedModels tables)
{
    [Fact]
    public async Task ReplaceModel_DigitsThenTableThenDigits_EachServesItsOwnRequests()
    {
        await using var server = await RunningServer.StartAsync(digits.FirstPath);
        var image = digits.TestImages[0];
        var row = new JsonObject { ["age"] = 61.5, ["city"] = "Paris", ["member"] = false };
        await RunningServer.JsonAsync(await server.PredictAsync(image));

        Assert.True(await server.ReplaceModelAsync(File.ReadAllBytes(tables.Customers)));
        var answer = await RunningServer.JsonAsync(await server.Client.PostAsJsonAsync("predict", row));
        Assert.Equal("premium", answer.GetProperty("label").GetString());
        var refused = await RunningServer.JsonAsync(await server.PredictAsync(image), 400);
        Assert.Contains("'pixels'", refused.GetProperty("error").GetString());
        Assert.Contains("id=\"form\"", await server.Client.GetStringAsync(""));

        Assert.True(await server.ReplaceModelAsync(File.ReadAllBytes(digits.FirstPath)));
        var digit = await RunningServer.JsonAsync(await server.PredictAsync(image));
        Assert.Equal((int)digits.TestLabels[0], digit.GetProperty("digit").GetInt32());
        Assert.Contains("id=\"pad\"", await server.Client.GetStringAsync(""));
    }
}
