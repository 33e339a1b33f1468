using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mnist.MLNet.Scoring.Tabular;

namespace Mnist.Serving.Tests.Endpoints;

/// <summary>A model of an image folder (three classes of rendered shapes) served: a PNG body gets the class and
/// probabilities <c>mnist predict</c> gives for the same file; the card says what the model reads.</summary>
[Collection(ServedModelCollection.Name)]
public class PicturePredictTests(TrainedModels models)
{
    [Fact]
    public async Task Predict_PngOfEachShape_EqualsMnistPredictAndMostlyRight()
    {
        var card = ModelCard.Read(models.ShapesModel);
        Assert.Equal(InputColumnKind.Picture, Assert.Single(card.InputColumns!).Kind);
        Assert.Equal([1, 16, 16], card.ImageShape!);
        using var dir = new TempDirectory();
        var random = new Random(7);
        var files = new List<(string File, string Shape)>();
        foreach (var shape in card.ClassLabels)
            for (int i = 0; i < 5; i++)
            {
                var path = dir.Combine($"{shape}-{i}.png");
                File.WriteAllBytes(path, TrainedModels.Shape(shape, random));
                files.Add((path, shape));
            }
        var predictionsPath = dir.Combine("predictions.csv");
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["predict", "--model", models.ShapesModel, .. files.Select(f => f.File), "--out", predictionsPath],
            new CapturedConsole().Console));
        var expected = CsvRows.Read(predictionsPath).ToDictionary(r => r["source"]);
        await using var server = await RunningServer.StartAsync(models.ShapesModel);

        int right = 0;
        foreach (var (file, shape) in files)
        {
            using var content = new ByteArrayContent(File.ReadAllBytes(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            var answer = await RunningServer.JsonAsync(await server.Client.PostAsync("predict", content));

            var cli = expected[file];
            Assert.Equal(cli["predicted"], answer.GetProperty("label").GetString());
            foreach (var label in card.ClassLabels)
                Assert.Equal(CsvRows.Float(cli["p_" + label]), answer.GetProperty("probabilities").GetProperty(label).GetSingle());
            if (answer.GetProperty("label").GetString() == shape) right++;
        }
        Assert.True(right >= 12, $"{right} of {files.Count} shapes right");
    }

    [Fact]
    public async Task Predict_JsonOrBatchToPictureModel_415NamingWhatItTakes()
    {
        await using var server = await RunningServer.StartAsync(models.ShapesModel);

        var single = await RunningServer.JsonAsync(await server.Client.PostAsJsonAsync("predict", new { pixels = new float[784] }), 415);
        var batch = await RunningServer.JsonAsync(await server.Client.PostAsJsonAsync("predict/batch", new { images = new[] { new float[784] } }), 415);

        Assert.Contains("expected one of image/png, image/jpeg", single.GetProperty("error").GetString());
        Assert.Contains("send each as a PNG or JPEG body to POST /predict", batch.GetProperty("error").GetString());
    }

    [Fact]
    public async Task OpenApiAndPage_PictureModel_DescribeThePicture()
    {
        await using var server = await RunningServer.StartAsync(models.ShapesModel);

        var document = await RunningServer.JsonAsync(await server.Client.GetAsync(MnistServer.OpenApiPath.TrimStart('/')));
        var content = document.GetProperty("paths").GetProperty("/predict").GetProperty("post").GetProperty("requestBody").GetProperty("content");

        Assert.Equal(["image/png", "image/jpeg"], content.EnumerateObject().Select(p => p.Name));
        Assert.Contains("16x16", content.GetProperty("image/png").GetProperty("schema").GetProperty("description").GetString());
        Assert.Contains("id=\"form\"", await server.Client.GetStringAsync(""));
    }
}
