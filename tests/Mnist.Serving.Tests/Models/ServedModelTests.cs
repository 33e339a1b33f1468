using Microsoft.ML.Data;
using Mnist.Serving.Models;

namespace Mnist.Serving.Tests.Models;

[Collection(ServedModelCollection.Name)]
public class ServedModelTests(ServedModelFiles models)
{
    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => ServedModel.Load("/no/such/model.zip"));
    }

    [Fact]
    public void Load_ModelWithoutCard_ThrowsSavedModelExceptionNamingFile()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("other.zip");
        var mlContext = new MLContext();
        var data = mlContext.Data.LoadFromEnumerable([new ThreeFeatures { Features = [1, 2, 3] }]);
        mlContext.Model.Save(mlContext.Transforms.NormalizeMinMax("Features").Fit(data), data.Schema, path);

        var e = Assert.Throws<SavedModelException>(() => ServedModel.Load(path));

        Assert.Equal(path, e.FilePath);
        Assert.Contains("not fitted by Mnist.MLNet", e.Message);
    }

    [Fact]
    public void Load_MnistModel_CarriesTheCardSavedInIt()
    {
        var model = ServedModel.Load(models.FirstPath);

        var saved = ModelCard.Read(models.FirstPath);
        Assert.Equal(saved.ToMetadata(), model.Card.ToMetadata());
        Assert.Equal(models.FirstPath, model.File.Path);
    }

    [Fact]
    public async Task Replace_WhileARequestScores_OldModelServesItToTheEnd()
    {
        using var slot = new ModelSlot(ServedModel.Load(models.FirstPath));
        var image = models.TestImages[0];
        var expected = slot.Use(model => model.Predict(image)).Probabilities;
        using var scoring = new ManualResetEventSlim();
        using var replaced = new ManualResetEventSlim();

        var request = Task.Run(() => slot.Use(model =>
        {
            scoring.Set();
            replaced.Wait();
            return model.Predict(image);   // the model is swapped out by now, and must still work
        }));
        scoring.Wait();
        var before = slot.Current;
        slot.Replace(ServedModel.Load(models.SecondPath));
        replaced.Set();

        Assert.Equal(expected, (await request).Probabilities);
        Assert.NotSame(before, slot.Current);
        Assert.False(before.TryAcquire());   // retired once its last request ended
    }

    [Fact]
    public void Classes_MnistModel_AreTheDigitsInOrder()
    {
        var model = ServedModel.Load(models.FirstPath);

        Assert.Equal(Enumerable.Range(0, 10), model.Classes);
        var scores = model.Predict(models.TestImages[0]);
        Assert.Equal((int)models.TestLabels[0], scores.Top(1).Single().Digit);
        Assert.Equal(1f, scores.Probabilities.Sum(), 1e-4f);
    }

    private sealed class ThreeFeatures
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];
    }
}
