using Microsoft.ML.Trainers;

namespace Mnist.MLNet.Tests.Training;

/// <summary>The three trainers are ML.NET trainers: <c>ITrainerEstimator</c>s whose fitted models are single-feature
/// prediction transformers, whose promised schema is the one they deliver, and which save and load through a stream.</summary>
[Collection(LibTorchCollection.Name)]
public class TrainerContractTests
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly IDataView _data;

    public TrainerContractTests()
    {
        var raw = SignalData.Load(_ml, 200, seed: 1);
        _data = SignalData.Features(_ml).Append(_ml.Transforms.Conversion.MapValueToKey("Label", nameof(SignalData.Row.Quadrant)))
            .Fit(raw).Transform(raw);
    }

    private static T Options<T>(string label) where T : MlpTrainerOptions, new() => new()
    {
        LabelColumnName = label, HiddenLayers = [8], MaxEpoch = 2, Seed = 1,
    };

    public static TheoryData<string> Tasks => ["multiclass", "binary", "regression"];

    private ITrainerEstimator<MlpPredictionTransformer, MlpModelParameters> Trainer(string task) => task switch
    {
        "multiclass" => new MlpTrainer(_ml, Options<MlpTrainer.Options>("Label")),
        "binary" => new BinaryMlpTrainer(_ml, Options<BinaryMlpTrainer.Options>(nameof(SignalData.Row.Positive))),
        _ => new RegressionMlpTrainer(_ml, Options<RegressionMlpTrainer.Options>(nameof(SignalData.Row.Value))),
    };

    [Fact]
    public void Info_EveryTrainer_AsksForNormalisedFeaturesAndNoCaching()
    {
        foreach (var task in new[] { "multiclass", "binary", "regression" })
        {
            var info = Trainer(task).Info;
            Assert.True(info.NeedNormalization, task);
            Assert.False(info.WantCaching, task);
        }
    }

    [Theory, MemberData(nameof(Tasks))]
    public void Fit_EveryTask_IsASingleFeaturePredictionTransformerOverTheFeatures(string task)
    {
        using var model = Trainer(task).Fit(_data);

        ISingleFeaturePredictionTransformer<MlpModelParameters> predictor = model;
        Assert.Equal("Features", predictor.FeatureColumnName);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 8), predictor.FeatureColumnType);
        Assert.Same(model.Card, predictor.Model.Card);
        Assert.Equal([8, 8], predictor.Model.Layers.Select(l => l.InputSize));
        var weights = predictor.Model.CopyWeights();
        Assert.Equal(weights.Layers[0].Weight[1 * 8 + 3], predictor.Model.Layers[0].WeightOf(output: 1, input: 3));
    }

    [Theory, MemberData(nameof(Tasks))]
    public void GetOutputSchema_EveryTask_AgreesWithTheTransformedSchema(string task)
    {
        // SchemaShape.Create is internal to ML.NET; a pipeline that starts at a loader is the public way to ask an
        // estimator for its output shape.
        using var directory = new TempDirectory();
        var file = new MultiFileSource(SignalData.WriteText(_ml, directory.Path, 100, seed: 1));
        var pipeline = SignalData.TextLoader(_ml).Append(SignalData.Features(_ml))
            .Append(_ml.Transforms.Conversion.MapValueToKey("Label", nameof(SignalData.Row.Quadrant)))
            .Append(Trainer(task));

        var promised = pipeline.GetOutputSchema().Select(c => Describe(c.Name, c.Kind, c.ItemType, c.IsKey));
        var delivered = pipeline.Fit(file).Load(file).Schema.Where(c => !c.IsHidden).Select(Describe);

        Assert.Equal(promised.Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));
    }

    [Theory, MemberData(nameof(Tasks))]
    public void SaveAndLoad_ThroughAStream_GivesEqualScores(string task)
    {
        using var model = Trainer(task).Fit(_data);
        using var stream = new MemoryStream();
        _ml.Model.Save(model, _data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);

        Assert.Equal(Scores(model.Transform(_data)), Scores(loaded.Transform(_data)));
    }

    // A column as SchemaShape sees it: name, vector kind, item type (a key's raw type) and key-ness.
    private static string Describe(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey) =>
        $"{name}: {kind} {itemType}{(isKey ? " key" : "")}";

    private static string Describe(DataViewSchema.Column column)
    {
        var (kind, item) = column.Type is VectorDataViewType vector
            ? (vector.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector, vector.ItemType)
            : (SchemaShape.Column.VectorKind.Scalar, column.Type);
        return item is KeyDataViewType key
            ? Describe(column.Name, kind, key.RawType == typeof(uint) ? NumberDataViewType.UInt32 : item, isKey: true)
            : Describe(column.Name, kind, item, isKey: false);
    }

    private static float[] Scores(IDataView scored) => scored.Schema["Score"].Type is VectorDataViewType
        ? scored.GetColumn<float[]>("Score").SelectMany(s => s).ToArray()
        : scored.GetColumn<float>("Score").ToArray();
}
