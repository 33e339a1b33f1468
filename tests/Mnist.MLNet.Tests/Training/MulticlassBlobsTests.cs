namespace Mnist.MLNet.Tests.Training;

[Collection(LibTorchCollection.Name)]
public class MulticlassBlobsTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Fit_BlobsWithTextLabels_PredictsTheNamesAndReloads()
    {
        var train = TabularData.Blobs(_ml, 100, seed: 1);
        var test = TabularData.Blobs(_ml, 50, seed: 2);
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(_ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
            {
                HiddenLayers = [32], MaxEpoch = 15, BatchSize = 32, LearningRate = 1e-2, Seed = 3,
            }))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var model = pipeline.Fit(train);
        var (loaded, card) = ModelRoundTrip.SaveAndLoad(_ml, model, train.Schema);

        var names = model.Transform(test).GetColumn<string>("PredictedLabel").ToArray();
        double accuracy = names.Zip(test.GetColumn<string>("Label")).Average(p => p.First == p.Second ? 1.0 : 0.0);
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy:F3}");
        Assert.Equal(names, loaded.Transform(test).GetColumn<string>("PredictedLabel").ToArray());
        Assert.Subset(new HashSet<string> { "centre", "east", "west", "north" }, names.ToHashSet());
        Assert.Equal(MlpTask.MulticlassClassification, card.Task);
    }
}
