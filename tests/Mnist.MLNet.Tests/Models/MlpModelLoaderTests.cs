namespace Mnist.MLNet.Tests.Models;

/// <summary><see cref="MlpModelLoader"/> turns a saved zip back into the prediction transformer of its task, with the
/// scores ML.NET's own loading gives, for zips saved now and by the library before its trainers became ML.NET trainers.</summary>
/// <remarks>The fixtures are tiny models (4 features, one hidden layer of 6) saved by the library at commit 5c304a9,
/// before the trainer contract: a multiclass pipeline (MapValueToKey, MlpTrainer, MapKeyToValue), and a binary and a
/// regression MLP fitted alone.</remarks>
[Collection(LibTorchCollection.Name)]
public class MlpModelLoaderTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Models", "fixtures");
    private readonly MLContext _ml = new(seed: 1);

    public sealed class OldRow
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public uint Class { get; set; }
        public bool Flag { get; set; }
        public float Value { get; set; }
    }

    public static TheoryData<string, MlpTask> OldZips => new()
    {
        { "multiclass-0.1.zip", MlpTask.MulticlassClassification },
        { "binary-0.1.zip", MlpTask.BinaryClassification },
        { "regression-0.1.zip", MlpTask.Regression },
    };

    [Theory, MemberData(nameof(OldZips))]
    public void LoadWithMlp_ZipSavedBeforeTheContract_ScoresAsModelLoadDoes(string file, MlpTask task)
    {
        var path = Path.Combine(Fixtures, file);
        var data = OldData();

        var plain = _ml.Model.Load(path, out _);
        var loaded = _ml.Model.LoadWithMlp(path, out var inputSchema);

        var mlp = Assert.Single(loaded.OfType<MlpPredictionTransformer>());
        Assert.Equal(task, mlp.Model.Task);
        Assert.Equal(task switch
        {
            MlpTask.MulticlassClassification => typeof(MlpTransformer),
            MlpTask.BinaryClassification => typeof(BinaryMlpTransformer),
            _ => typeof(RegressionMlpTransformer),
        }, mlp.GetType());
        Assert.Equal([4, 6], mlp.Model.Layers.Select(l => l.InputSize));
        Assert.NotNull(inputSchema.GetColumnOrNull("Features"));
        Assert.Equal(Scores(plain.Transform(data)), Scores(loaded.Transform(data)));
    }

    [Fact]
    public void LoadWithMlp_FittedModel_HasTheFittedWeightsAndCard()
    {
        var data = SignalData.Features(_ml).Fit(SignalData.Load(_ml, 100, 1)).Transform(SignalData.Load(_ml, 100, 1));
        using var fitted = new RegressionMlpTrainer(_ml, new RegressionMlpTrainer.Options
        {
            LabelColumnName = nameof(SignalData.Row.Value), HiddenLayers = [5], MaxEpoch = 2, Seed = 1,
        }).Fit(data);
        using var directory = new TempDirectory();
        var path = directory.Combine("model.zip");
        _ml.Model.Save(fitted, data.Schema, path);

        var loaded = Assert.IsType<RegressionMlpTransformer>(Assert.Single(_ml.Model.LoadWithMlp(path, out _)));

        Assert.Equal(fitted.Scaling, loaded.Scaling);
        Assert.Equal(fitted.Card.ToMetadata(), loaded.Card.ToMetadata());
        for (int i = 0; i < fitted.Model.Layers.Count; i++)
        {
            Assert.Equal(fitted.Model.Layers[i].Weight.ToArray(), loaded.Model.Layers[i].Weight.ToArray());
            Assert.Equal(fitted.Model.Layers[i].Bias.ToArray(), loaded.Model.Layers[i].Bias.ToArray());
        }
        Assert.Equal(fitted.Transform(data).GetColumn<float>("Score"), loaded.Transform(data).GetColumn<float>("Score"));
    }

    [Fact]
    public void LoadWithMlp_ZipWithoutAnMlp_ThrowsSavedModelExceptionNamingTheFile()
    {
        var raw = SignalData.Load(_ml, 10, 1);
        using var directory = new TempDirectory();
        var path = directory.Combine("concatenate.zip");
        _ml.Model.Save(SignalData.Features(_ml).Fit(raw), raw.Schema, path);

        var e = Assert.Throws<SavedModelException>(() => _ml.Model.LoadWithMlp(path, out _));
        Assert.Contains("concatenate.zip", e.Message);
    }

    private IDataView OldData()
    {
        var random = new Random(3);
        return _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(_ => new OldRow
        {
            Features = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(),
            Class = (uint)random.Next(4),
        }).ToList());
    }

    private static float[] Scores(IDataView scored) => scored.Schema["Score"].Type is VectorDataViewType
        ? scored.GetColumn<float[]>("Score").SelectMany(s => s).ToArray()
        : scored.GetColumn<float>("Score").ToArray();
}
