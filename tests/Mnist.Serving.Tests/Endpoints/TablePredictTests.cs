using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mnist.Serving.Tests.Endpoints;

/// <summary>Models of tables served: each row's answer is what <c>mnist predict</c> writes for it, to the last bit,
/// one row at a time and in a batch; the OpenAPI document and the page follow the card.</summary>
[Collection(ServedModelCollection.Name)]
public class TablePredictTests(TrainedModels models)
{
    private const int Rows = 25;

    public static TheoryData<string> Tasks => ["wine", "breast_cancer", "diabetes", "customers"];

    [Theory]
    [MemberData(nameof(Tasks))]
    public async Task Predict_ShippedAndMixedCsvRows_EqualMnistPredict(string data)
    {
        var (model, csv) = Model(data);
        var card = ModelCard.Read(model);
        using var dir = new TempDirectory();
        var predictionsPath = dir.Combine("predictions.csv");
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["predict", "--model", model, csv, "--out", predictionsPath], new CapturedConsole().Console));
        var expected = CsvRows.Read(predictionsPath);
        var rows = CsvRows.Json(csv, card, Rows);
        await using var server = await RunningServer.StartAsync(model);

        var batch = await RunningServer.JsonAsync(await server.Client.PostAsJsonAsync("predict/batch", new { rows }));
        var batched = batch.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(Rows, batched.Length);
        for (int r = 0; r < Rows; r++)
        {
            var single = await RunningServer.JsonAsync(await server.Client.PostAsJsonAsync("predict", rows[r]));
            AssertSame(card, expected[r], single);
            AssertSame(card, expected[r], batched[r]);
        }
    }

    [Fact]
    public async Task Predict_UnseenCategoryAndMissingNumber_StillPredicts()
    {
        var card = ModelCard.Read(models.Customers);
        await using var server = await RunningServer.StartAsync(models.Customers);

        var answer = await RunningServer.JsonAsync(await server.Client.PostAsJsonAsync("predict",
            new JsonObject { ["age"] = null, ["city"] = "Tokyo", ["member"] = true }));

        Assert.Contains(answer.GetProperty("label").GetString(), card.ClassLabels);
        var probabilities = answer.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetSingle());
        Assert.Equal(card.ClassLabels.Order(), probabilities.Keys.Order());
        Assert.Equal(1f, probabilities.Values.Sum(), 3);
        Assert.Equal(probabilities[answer.GetProperty("label").GetString()!], answer.GetProperty("probability").GetSingle());
    }

    [Fact]
    public async Task OpenApi_TableModel_ShowsTheCardsInputColumns()
    {
        await using var server = await RunningServer.StartAsync(models.Customers);

        var document = await RunningServer.JsonAsync(await server.Client.GetAsync(MnistServer.OpenApiPath.TrimStart('/')));

        var row = document.GetProperty("paths").GetProperty("/predict").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["age", "city", "member"], row.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["age", "city", "member"], row.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.False(row.GetProperty("additionalProperties").GetBoolean());
        Assert.Contains("Oslo", row.GetProperty("properties").GetProperty("city").GetProperty("description").GetString());
        var batch = document.GetProperty("paths").GetProperty("/predict/batch").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["age", "city", "member"], batch.GetProperty("properties").GetProperty("rows").GetProperty("items")
            .GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Page_TableModel_IsTheFormBuiltFromTheCard()
    {
        await using var server = await RunningServer.StartAsync(models.Customers);

        var html = await server.Client.GetStringAsync("");

        Assert.Contains("id=\"form\"", html);
        Assert.Contains("fetch(\"model\")", html);
        Assert.DoesNotContain("id=\"pad\"", html);
    }

    private (string Model, string Csv) Model(string data) => data switch
    {
        "wine" => (models.Wine, models.WineCsv),
        "breast_cancer" => (models.BreastCancer, models.BreastCancerCsv),
        "diabetes" => (models.Diabetes, models.DiabetesCsv),
        _ => (models.Customers, models.CustomersCsv),
    };

    // The served answer carries exactly the floats mnist predict writes (round-trip precision on both sides).
    private static void AssertSame(ModelCard card, Dictionary<string, string> expected, JsonElement served)
    {
        switch (card.Task)
        {
            case MlpTask.Regression:
                Assert.Equal(CsvRows.Float(expected["predicted"]), served.GetProperty("score").GetSingle());
                Assert.False(served.TryGetProperty("label", out _));
                break;
            case MlpTask.BinaryClassification:
                Assert.Equal(expected["predicted"], served.GetProperty("label").GetString());
                Assert.Equal(CsvRows.Float(expected["probability"]), served.GetProperty("probability").GetSingle());
                break;
            default:
                Assert.Equal(expected["predicted"], served.GetProperty("label").GetString());
                foreach (var label in card.ClassLabels)
                    Assert.Equal(CsvRows.Float(expected["p_" + label]), served.GetProperty("probabilities").GetProperty(label).GetSingle());
                break;
        }
    }
}
