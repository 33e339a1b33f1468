using System.Globalization;
using System.Text.Json;
using Mnist.MLNet.Tests.Reliability;

namespace Mnist.MLNet.Tests.Scoring;

[Collection(LibTorchCollection.Name)]
public class ModelCardTests(SavedMnistModel saved) : IClassFixture<SavedMnistModel>
{
    private ModelCard Fitted => saved.Model.OfType<MlpTransformer>().Single().Card;

    [Fact]
    public void Card_FittedOnMnist_DescribesFeaturesLabelsOptionsAndHistory()
    {
        var mlp = saved.Model.OfType<MlpTransformer>().Single();
        var card = mlp.Card;

        Assert.Equal(ModelCard.CurrentFormatVersion, card.FormatVersion);
        Assert.Equal("Mnist.MLNet", card.Producer);
        Assert.Equal("Features", card.FeatureColumnName);
        Assert.Equal(784, card.FeatureSize);
        Assert.Equal([28, 28], card.ImageShape);
        Assert.Equal("Label", card.LabelColumnName);
        Assert.Equal("UInt32", card.LabelType);
        // Key order is the order labels first appear in the training data: MNIST's first digit is a 5.
        Assert.Equal(LabelKeyValues(), card.ClassLabels);
        Assert.Equal("5", card.ClassLabels[0]);
        Assert.Equal(["Score", "PredictedLabel"], new[] { card.ScoreColumnName, card.PredictedLabelColumnName });
        Assert.Equal("1", card.TrainingOptions["MaxEpoch"]);
        Assert.Equal("512,256", card.TrainingOptions["HiddenLayers"]);
        Assert.Equal("Adam", card.TrainingOptions["Optimizer"]);
        Assert.Equal("Linear", card.TrainingOptions["LearningRateSchedule"]);
        Assert.Equal("0", card.TrainingOptions["LabelSmoothing"]);
        Assert.Equal("none", card.TrainingOptions["Augmentation"]);
        Assert.Equal(mlp.History, card.History);
    }

    [Fact]
    public async Task Read_SavedZipInScoringAppProcess_EveryFieldEqualsFittedCard()
    {
        using var process = ChildProcess.Start(BuiltPrograms.ScoringApp, "card", saved.Path);
        var (exit, output) = await ChildProcess.WaitAsync(process, TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, output);
        var metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(output.Trim())!;
        Assert.Equal(Fitted.ToMetadata().OrderBy(p => p.Key), metadata.OrderBy(p => p.Key));
        AssertEqual(Fitted, ModelCard.FromMetadata(metadata, saved.Path));
    }

    [Fact]
    public void Read_LoadedChain_EqualsFittedCard()
    {
        var loaded = new MLContext().Model.Load(saved.Path, out _);

        AssertEqual(Fitted, ModelCard.Read(loaded));
        AssertEqual(Fitted, ModelCard.Read(saved.Model));
    }

    [Fact]
    public void Read_ChainWithoutMlp_ThrowsSavedModelExceptionSayingNotOurs()
    {
        var ml = new MLContext();
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label").Fit(saved.Test);
        using var dir = new TempDirectory();
        var path = dir.Combine("keys-only.zip");
        ml.Model.Save(toKey, saved.Test.Schema, path);

        var e = Assert.Throws<SavedModelException>(() => ModelCard.Read(path));

        Assert.Equal(path, e.FilePath);
        Assert.Contains("not fitted by Mnist.MLNet", e.Message);
    }

    [Fact]
    public void Read_NotAZip_ThrowsSavedModelExceptionNamingFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("notes.zip");
        File.WriteAllText(path, "not a model");

        var e = Assert.Throws<SavedModelException>(() => ModelCard.Read(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void FromMetadata_NewerFormat_ThrowsNamingVersions()
    {
        var metadata = Fitted.ToMetadata().ToDictionary();
        metadata["mnist.format_version"] = "99";

        var e = Assert.Throws<SavedModelException>(() => ModelCard.FromMetadata(metadata, "model.zip"));

        Assert.Contains("99", e.Message);
        Assert.Contains("model.zip", e.Message);
    }

    [Fact]
    public void RequireImages_FourFeatures_ThrowsNamingSizeAndColumn()
    {
        var card = Fitted with { FeatureSize = 4, ImageShape = null };

        var e = Assert.Throws<SavedModelException>(() => card.RequireImages("iris.zip", 28, 28));

        Assert.Equal("iris.zip: the model reads 4 features that are not an image in column 'Features', expected 28x28 images", e.Message);
    }

    private string[] LabelKeyValues()
    {
        var schema = saved.Model.GetOutputSchema(saved.Test.Schema);
        VBuffer<uint> values = default;
        schema["Label"].GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    private static void AssertEqual(ModelCard expected, ModelCard actual)
    {
        Assert.Equal(expected.FormatVersion, actual.FormatVersion);
        Assert.Equal(expected.Producer, actual.Producer);
        Assert.Equal(expected.ProducerVersion, actual.ProducerVersion);
        Assert.Equal(expected.FeatureColumnName, actual.FeatureColumnName);
        Assert.Equal(expected.FeatureSize, actual.FeatureSize);
        Assert.Equal(expected.ImageShape, actual.ImageShape);
        Assert.Equal(expected.LabelColumnName, actual.LabelColumnName);
        Assert.Equal(expected.LabelType, actual.LabelType);
        Assert.Equal(expected.ClassLabels, actual.ClassLabels);
        Assert.Equal(expected.ScoreColumnName, actual.ScoreColumnName);
        Assert.Equal(expected.PredictedLabelColumnName, actual.PredictedLabelColumnName);
        Assert.Equal(expected.TrainingOptions.OrderBy(p => p.Key), actual.TrainingOptions.OrderBy(p => p.Key));
        Assert.Equal(expected.History, actual.History);
    }
}
