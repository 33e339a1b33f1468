using System.Net.Http.Headers;
using Microsoft.ML.Data;
using Mnist.MLNet;
using Mnist.MLNet.Models;
using Mnist.MLNet.Network.Layers;
using Mnist.MLNet.Training;

namespace Mnist.Serving.Tests.Models;

/// <summary>The server serves a convolutional stack as it serves an MLP: a PNG posted to /predict gets the
/// probabilities the process that trained the stack gives for the same pixels.</summary>
public class ServedLayerStackTests
{
    [Fact]
    public async Task Predict_PngOnConvStack_EqualsTheTrainingProcess()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.TakeRows(ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Train), 2000);
        var test = ml.Data.CreateEnumerable<MnistImage>(ml.Data.TakeRows(ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test), 5),
            reuseRowObject: false).ToArray();
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(new MlpTrainer(ml, new MlpTrainer.Options { Layers = LayerStack.Parse("conv4k3,pool2,conv8k3,pool2,dense16"), MaxEpoch = 1, Seed = 1 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(train);
        using var directory = new TempDirectory();
        var modelPath = directory.Combine("conv.zip");
        ml.Model.Save(model, train.Schema, modelPath);
        var slots = model.OfType<MlpTransformer>().Single().Card.NumericClassSlots()!;
        await using var server = await RunningServer.StartAsync(modelPath);

        foreach (var image in test)
        {
            var png = TestPictures.Encode(image.Features);
            var file = directory.Combine("digit.png");
            File.WriteAllBytes(file, png);
            // The pixels `mnist predict digit.png` and the server read from the picture, scored by the fitted model.
            var pixels = DigitInputs.Read([file])[0].Features;
            var fitted = model.Transform(ml.Data.LoadFromEnumerable([new MnistImage { Features = pixels }]))
                .GetColumn<float[]>("Score").Single();
            using var body = new ByteArrayContent(png);
            body.Headers.ContentType = new MediaTypeHeaderValue("image/png");

            var answer = await RunningServer.JsonAsync(await server.Client.PostAsync("predict", body));

            var expected = slots.Select(s => fitted[s]).ToArray();
            Assert.Equal(expected, RunningServer.Probabilities(answer), new FloatTolerance(1e-5f));
            Assert.Equal(Array.IndexOf(expected, expected.Max()), answer.GetProperty("digit").GetInt32());
        }
    }
}
