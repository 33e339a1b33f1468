namespace Mnist.MLNet.Tests.Models;

public class MlpTransformerTests
{
    private readonly MLContext _ml = new(seed: 0);

    public sealed class MnistRow
    {
        public uint Label { get; set; }

        [VectorType(784)]
        public float[] Features { get; set; } = [];
    }

    public sealed class DigitPrediction
    {
        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }

    [Fact]
    public void Transform_RandomNetwork_ScoreMatchesReferenceForwardPass()
    {
        var weights = TestNetworks.Random();
        var label = TestNetworks.TrainLabelKey(_ml, out var toKey);
        var transformer = new MlpTransformer(_ml, weights, "Features", label, []);
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);

        var scored = transformer.Transform(toKey.Transform(test));
        var scores = scored.GetColumn<float[]>("Score").ToArray();

        Assert.Equal(10000, scores.Length);
        for (var r = 0; r < scores.Length; r += 7)
        {
            var expected = TestNetworks.Forward(weights, TestNetworks.TestFeatures[r]);
            Assert.Equal(10, scores[r].Length);
            for (var k = 0; k < 10; k++) Assert.Equal(expected[k], scores[r][k], 1e-5);
        }
    }

    [Fact]
    public void Pipeline_TrainOrderedKeys_PredictedLabelIsArgMaxThroughKeyValues()
    {
        var weights = TestNetworks.Random(seed: 7);
        var label = TestNetworks.TrainLabelKey(_ml, out var toKey);
        var keyValues = TestNetworks.KeyValues(label);
        var model = Pipeline(weights, label, toKey);
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);

        var predicted = model.Transform(test).GetColumn<uint>("PredictedLabel").ToArray();

        Assert.Equal(5u, keyValues[0]);   // by occurrence on train: key 1 is digit 5, so order matters
        var expected = TestNetworks.TestFeatures.Select(x => keyValues[TestNetworks.ArgMax(TestNetworks.Forward(weights, x))]).ToArray();
        Assert.Equal(expected, predicted);
        Assert.True(expected.Distinct().Count() > 1, "the random network should predict more than one class");
    }

    [Fact]
    public void GetOutputSchema_TrainLabel_PredictedLabelIsScalarOfLabelKeyType()
    {
        var label = TestNetworks.TrainLabelKey(_ml, out var toKey);
        var transformer = new MlpTransformer(_ml, TestNetworks.Random(), "Features", label, []);
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);

        var schema = transformer.GetOutputSchema(toKey.GetOutputSchema(test.Schema));

        Assert.Equal(label.Type, schema["PredictedLabel"].Type);
        Assert.Equal(TestNetworks.KeyValues(label), TestNetworks.KeyValues(schema["PredictedLabel"]));
        Assert.Equal(10, ((VectorDataViewType)schema["Score"].Type).Size);
        Assert.Equal(["Label", "Features", "Score", "PredictedLabel"], schema.Where(c => !c.IsHidden).Select(c => c.Name));
    }

    [Fact]
    public void Evaluate_CentroidNetwork_AccuracyEqualsOwnCount()
    {
        var label = TestNetworks.TrainLabelKey(_ml, out var toKey);
        var keyValues = TestNetworks.KeyValues(label);
        var weights = TestNetworks.Centroids(keyValues);
        var model = Pipeline(weights, label, toKey);
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);

        var metrics = _ml.MulticlassClassification.Evaluate(model.Transform(test));

        var correct = TestNetworks.TestFeatures
            .Select((x, r) => keyValues[TestNetworks.ArgMax(TestNetworks.Forward(weights, x))] == TestNetworks.TestLabels[r])
            .Count(ok => ok);
        Assert.Equal(correct / 10000.0, metrics.MicroAccuracy, 1e-9);
        Assert.InRange(metrics.MicroAccuracy, 0.75, 0.9);   // nearest centroid on MNIST is about 82%
    }

    [Fact]
    public void SaveLoad_FreshContext_PredictionEngineMatchesInMemoryOnAllTestRows()
    {
        var label = TestNetworks.TrainLabelKey(_ml, out var toKey);
        var model = Pipeline(TestNetworks.Centroids(TestNetworks.KeyValues(label)), label, toKey);
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);
        var scored = model.Transform(test);
        var inMemoryLabels = scored.GetColumn<uint>("PredictedLabel").ToArray();
        var inMemoryScores = scored.GetColumn<float[]>("Score").ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"mlp-{Guid.NewGuid():N}.zip");
        try
        {
            _ml.Model.Save(model, test.Schema, path);

            var fresh = new MLContext(seed: 1);
            var loaded = fresh.Model.Load(path, out _);
            using var engine = fresh.Model.CreatePredictionEngine<MnistRow, DigitPrediction>(loaded);
            for (var r = 0; r < 10000; r++)
            {
                var prediction = engine.Predict(new MnistRow { Label = TestNetworks.TestLabels[r], Features = TestNetworks.TestFeatures[r] });
                Assert.Equal(inMemoryLabels[r], prediction.PredictedLabel);
                Assert.Equal(10, prediction.Score.Length);
                for (var k = 0; k < 10; k++) Assert.Equal(inMemoryScores[r][k], prediction.Score[k], 1e-6);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SaveLoad_MlpTransformerAlone_ReloadsAsChainWithSameSchema()
    {
        var label = TestNetworks.TrainLabelKey(_ml, out var toKey);
        var transformer = new MlpTransformer(_ml, TestNetworks.Random(), "Features", label, []);
        var input = toKey.Transform(_ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test));
        using var stream = new MemoryStream();

        _ml.Model.Save(transformer, input.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);

        Assert.IsType<TransformerChain<ITransformer>>(loaded);
        var expected = transformer.GetOutputSchema(input.Schema);
        var actual = loaded.GetOutputSchema(input.Schema);
        Assert.Equal(expected.Select(c => (c.Name, c.Type)), actual.Select(c => (c.Name, c.Type)));
    }

    [Fact]
    public void Constructor_LabelWithoutKeyValues_PredictedLabelKeepsKeyCount()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Label", new KeyDataViewType(typeof(uint), 10));
        var label = builder.ToSchema()["Label"];
        var weights = TestNetworks.Random();
        var transformer = new MlpTransformer(_ml, weights, "Features", label, []);
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);

        var scored = transformer.Transform(test);
        var keys = scored.GetColumn<uint>("PredictedLabel").Take(500).ToArray();

        Assert.Equal(new KeyDataViewType(typeof(uint), 10), scored.Schema["PredictedLabel"].Type);
        var expected = TestNetworks.TestFeatures.Take(500).Select(x => (uint)TestNetworks.ArgMax(TestNetworks.Forward(weights, x)) + 1);
        Assert.Equal(expected, keys);
    }

    [Fact]
    public void Pipeline_TextLabel_PredictedLabelMapsBackToText()
    {
        var weights = TestNetworks.Random(seed: 3);
        var names = new[] { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine" };
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);
        var named = _ml.Transforms.Conversion.MapValue("Label", names.Select((n, d) => new KeyValuePair<uint, string>((uint)d, n)), "Label")
            .Fit(test).Transform(test);
        var toKey = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(named);
        var label = toKey.GetOutputSchema(named.Schema)["Label"];
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        label.GetKeyValues(ref keyValues);
        var model = Pipeline(weights, label, toKey, named);

        var predicted = model.Transform(named).GetColumn<string>("PredictedLabel").Take(300).ToArray();

        var keyNames = keyValues.DenseValues().Select(v => v.ToString()).ToArray();
        var expected = TestNetworks.TestFeatures.Take(300).Select(x => keyNames[TestNetworks.ArgMax(TestNetworks.Forward(weights, x))]);
        Assert.Equal(expected, predicted);
    }

    [Fact]
    public void GetOutputSchema_WrongFeatureSize_ThrowsNamingColumnAndTypes()
    {
        var label = TestNetworks.TrainLabelKey(_ml, out _);
        var transformer = new MlpTransformer(_ml, TestNetworks.Random(), "Features", label, []);
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, 100));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => transformer.GetOutputSchema(builder.ToSchema()));

        Assert.Contains("'Features'", error.Message);
        Assert.Contains("784", error.Message);
        Assert.Contains("100", error.Message);
    }

    [Fact]
    public void GetOutputSchema_MissingFeatures_ThrowsNamingColumn()
    {
        var label = TestNetworks.TrainLabelKey(_ml, out _);
        var transformer = new MlpTransformer(_ml, TestNetworks.Random(), "Pixels", label, []);
        var test = _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => transformer.GetOutputSchema(test.Schema));

        Assert.Contains("'Pixels'", error.Message);
    }

    [Fact]
    public void Properties_AfterConstruction_ExposeWeightsAndHistory()
    {
        var label = TestNetworks.TrainLabelKey(_ml, out _);
        var weights = TestNetworks.Random();
        EpochMetrics[] history = [new(1, 0.5, 0.8, null, null, 1.0, 1000)];

        var transformer = new MlpTransformer(_ml, weights, "Features", label, history);

        Assert.Same(weights, transformer.Weights);
        Assert.Equal(history, transformer.History);
        Assert.True(transformer.IsRowToRowMapper);
    }

    private ITransformer Pipeline(MlpWeights weights, DataViewSchema.Column label, ITransformer toKey, IDataView? input = null)
    {
        var mlp = new MlpTransformer(_ml, weights, "Features", label, []);
        var toValue = _ml.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(mlp.Transform(toKey.Transform(input ?? EmptyTest())));
        return new TransformerChain<ITransformer>(toKey, mlp, toValue);
    }

    private IDataView EmptyTest() => _ml.Data.TakeRows(_ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test), 1);
}
