using System.Net.Http.Headers;
using System.Net.Http.Json;
using SkiaSharp;
using Mnist.MLNet.Models;

namespace Mnist.Serving.Tests.Endpoints;

public class PredictEndpointTests(ServedModelFiles models) : FirstModelServerTests(models)
{
    [Fact]
    public async Task Predict_JsonPixels_EqualsInProcessScoring()
    {
        var images = Models.TestImages.Take(20).ToArray();
        var expected = DigitClassifier.Load(Models.FirstPath).Predict(images.Select((f, i) => new DigitInput("test", i, f)).ToList());

        for (int i = 0; i < images.Length; i++)
        {
            var answer = await RunningServer.JsonAsync(await Server.PredictAsync(images[i]));

            Assert.Equal(expected[i].Predicted, answer.GetProperty("digit").GetInt32().ToString());
            Assert.Equal(expected[i].Probability, answer.GetProperty("probability").GetSingle(), 1e-5f);
            Assert.Equal(expected[i].Probabilities, RunningServer.Probabilities(answer), new FloatTolerance(1e-5f));
            var top3 = answer.GetProperty("top3").EnumerateArray().ToArray();
            Assert.Equal(3, top3.Length);
            Assert.Equal(answer.GetProperty("digit").GetInt32(), top3[0].GetProperty("digit").GetInt32());
            Assert.True(top3[0].GetProperty("probability").GetSingle() >= top3[1].GetProperty("probability").GetSingle());
        }
    }

    [Fact]
    public async Task Predict_PixelsAs0To255_SameAs0To1()
    {
        var bytes = Models.TestImages[0].Select(v => MathF.Round(v * 255)).ToArray();

        var asBytes = await RunningServer.JsonAsync(await Server.PredictAsync(bytes));
        var asUnit = await RunningServer.JsonAsync(await Server.PredictAsync(bytes.Select(v => v / 255f).ToArray()));

        Assert.Equal(RunningServer.Probabilities(asUnit), RunningServer.Probabilities(asBytes), new FloatTolerance(1e-6f));
    }

    [Fact]
    public async Task Predict_Png_PreparedAsMnistPredictPreparesImageFiles()
    {
        using var directory = new TempDirectory();
        var png = TestPictures.Encode(Models.TestImages[3]);
        var file = directory.Combine("digit.png");
        File.WriteAllBytes(file, png);
        // What `mnist predict digit.png` computes.
        var expected = DigitClassifier.Load(Models.FirstPath).Predict(DigitInputs.Read([file]))[0];

        var answer = await RunningServer.JsonAsync(await Server.Client.PostAsync("predict", Body(png, "image/png")));

        Assert.Equal(expected.Predicted, answer.GetProperty("digit").GetInt32().ToString());
        Assert.Equal(expected.Probabilities, RunningServer.Probabilities(answer), new FloatTolerance(1e-5f));
    }

    [Fact]
    public async Task Predict_Jpeg_PredictsTheDigit()
    {
        int label = (int)Models.TestLabels[0];

        var answer = await RunningServer.JsonAsync(await Server.Client.PostAsync("predict",
            Body(TestPictures.Encode(Models.TestImages[0], format: SKEncodedImageFormat.Jpeg), "image/jpeg")));

        Assert.Equal(label, answer.GetProperty("digit").GetInt32());
    }

    [Fact]
    public async Task PredictBatch_ManyImages_EqualsSinglePredictions()
    {
        var images = Models.TestImages.Take(50).ToArray();

        var batch = await RunningServer.JsonAsync(await Server.Client.PostAsJsonAsync("predict/batch", new { images }));

        var predictions = batch.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(images.Length, predictions.Length);
        for (int i = 0; i < images.Length; i += 7)
        {
            var single = await RunningServer.JsonAsync(await Server.PredictAsync(images[i]));
            Assert.Equal(single.GetProperty("digit").GetInt32(), predictions[i].GetProperty("digit").GetInt32());
            Assert.Equal(RunningServer.Probabilities(single), RunningServer.Probabilities(predictions[i]), new FloatTolerance(1e-5f));
        }
        double accuracy = predictions.Select((p, i) => p.GetProperty("digit").GetInt32() == Models.TestLabels[i] ? 1.0 : 0).Average();
        Assert.True(accuracy >= 0.85, $"accuracy {accuracy}");
    }

    internal static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }
}
