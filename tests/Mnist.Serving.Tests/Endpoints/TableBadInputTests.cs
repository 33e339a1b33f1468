using System.Net.Http.Headers;

namespace Mnist.Serving.Tests.Endpoints;

/// <summary>Each way a row can be wrong gets 400 (413 for a batch past its row limit) with one line naming the field.</summary>
[Collection(ServedModelCollection.Name)]
public class TableBadInputTests(TrainedModels models)
{
    public static TheoryData<string, string, int, string[]> Cases => new()
    {
        { "predict", """{"age": 31, "city": "Oslo", "member": true, "zip": 1}""", 400, ["'zip'", "not a column of the model"] },
        { "predict", """{"age": 31, "city": "Oslo"}""", 400, ["'member'", "missing"] },
        { "predict", """{"age": "old", "city": "Oslo", "member": true}""", 400, ["'age'", "expected a number or null"] },
        { "predict", """{"age": 31, "city": 7, "member": true}""", 400, ["'city'", "expected a string or null"] },
        { "predict", """{"age": 31, "city": "Oslo", "member": null}""", 400, ["'member'", "true or false"] },
        { "predict", """{"age": 31, "city": "Oslo", "member": true, "age": 40}""", 400, ["duplicate key 'age'"] },
        { "predict", """{"age": [31], "city": "Oslo", "member": true}""", 400, ["field 'age'", "an array"] },
        { "predict", """{"age": 31, "city": "\ud800", "member": true}""", 400, ["field 'city'", "no character"] },
        { "predict", """{"age": 1e400, "city": "Oslo", "member": true}""", 400, ["'age'", "not a number"] },
        { "predict", """[{"age": 31, "city": "Oslo", "member": true}]""", 400, ["body is an array", "expected an object"] },
        { "predict", """{"age": 31, "city": "Oslo", "member": true""", 400, ["malformed JSON"] },
        { "predict/batch", """{"rows": {"age": 31}}""", 400, ["'rows'", "expected an array of row objects"] },
        { "predict/batch", """{"rows": [{"age": 31, "city": "Oslo", "member": true}, 5]}""", 400, ["row 2", "expected an object"] },
        { "predict/batch", """{"rows": [{"age": 31, "city": "Oslo", "member": true}, {"age": 31, "member": true}]}""", 400, ["row 2", "'city'", "missing"] },
        { "predict/batch", """{"rows": []}""", 400, ["'rows' is empty"] },
        { "predict/batch", """{"images": []}""", 400, ["unknown key 'images'"] },
        { "predict/batch", """{"rows": [{"age": 1, "city": null, "member": false}, {"age": 2, "city": null, "member": false}, {"age": 3, "city": null, "member": false}]}""",
            413, ["'rows'", "at most 2"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Predict_BadRow_RefusedNamingTheField(string path, string body, int status, string[] expected)
    {
        await using var server = await RunningServer.StartAsync(models.Customers, o => o.MaxBatchImages = 2);
        using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

        var error = await RunningServer.JsonAsync(await server.Client.PostAsync(path, content), status);

        var message = error.GetProperty("error").GetString()!;
        Assert.All(expected, e => Assert.Contains(e, message));
    }

    [Fact]
    public async Task Predict_PictureToTableModel_415NamingWhatItTakes()
    {
        await using var server = await RunningServer.StartAsync(models.Customers);
        using var content = new ByteArrayContent(TestPictures.Blank(8, 8));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        var error = await RunningServer.JsonAsync(await server.Client.PostAsync("predict", content), 415);

        Assert.Contains("expected one of application/json", error.GetProperty("error").GetString());
    }
}
