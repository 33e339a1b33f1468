using Google.Protobuf;
using Mnist.MLNet.Network;
using Onnx;

namespace Mnist.MLNet.Models;

/// <summary>What the three fitted MLPs share: a network scored by its ONNX graph inside a chain of built-in ML.NET
/// transforms, saved as that chain, with the model card in the graph; to ML.NET's tools (permutation feature
/// importance, model inspection) a prediction transformer over one feature column.</summary>
/// <remarks>The chain is the ONNX transform, a stateless mapping from the scoring assembly that turns the graph's
/// vectors into the task's columns, then copies to the chosen names. A saved model reloads in any
/// <see cref="MLContext"/> as a plain <see cref="TransformerChain{TLastTransformer}"/> with Mnist.MLNet.Scoring alone;
/// <see cref="MlpModelLoader"/> turns it back into this type. Nothing here touches TorchSharp.</remarks>
public abstract class MlpPredictionTransformer : ISingleFeaturePredictionTransformer<MlpModelParameters>, ICanSaveModel,
    IModelCardProvider, IDisposable
{
    private readonly TransformerChain<ITransformer> _chain;

    /// <param name="chain">The scoring chain: fitted from the task's stages, or loaded from a saved model.</param>
    private protected MlpPredictionTransformer(MlpModelParameters model, TransformerChain<ITransformer> chain)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(chain);
        Model = model;
        _chain = chain;
        FeatureColumnType = new VectorDataViewType(NumberDataViewType.Single, model.InputSize);
    }

    /// <summary>The trained network: its layers' weights and its card.</summary>
    public MlpModelParameters Model { get; }

    /// <summary>What the model says about itself; its ONNX graph, saved with the chain, carries the same card.</summary>
    public ModelCard Card => Model.Card;

    /// <summary>The network's weights.</summary>
    public MlpWeights Weights => Model.Weights;

    /// <summary>Metrics of each training epoch, oldest first.</summary>
    public IReadOnlyList<EpochMetrics> History => Card.History;

    /// <summary>The name of the feature column the model reads.</summary>
    public string FeatureColumnName => Card.FeatureColumnName;

    /// <summary>The feature column's type: a vector of <see cref="MlpModelParameters.InputSize"/> Single.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>The output column of the score.</summary>
    public string ScoreColumnName => Card.ScoreColumnName;

    public bool IsRowToRowMapper => true;

    /// <summary>Writes the model's ONNX graph (input named after the feature column, outputs named after the output
    /// columns, the model card as metadata) to <paramref name="path"/>, all or nothing.</summary>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, ExportGraph().ToByteArray());
    }

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckInput(inputSchema);
        return _chain.GetOutputSchema(inputSchema);
    }

    /// <summary>Scores <paramref name="input"/> lazily; the result has exactly the columns and values of the saved
    /// chain's.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema);
        return Score(input);
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        CheckInput(inputSchema);
        return ((ITransformer)_chain).GetRowToRowMapper(inputSchema);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_chain).Save(ctx);

    /// <summary>The chain of ML.NET transforms that saving writes and <see cref="GetRowToRowMapper"/> uses.</summary>
    internal ITransformer Chain => _chain;

    /// <summary>Releases the ONNX Runtime sessions.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the chain; a task may score faster with the same result.</summary>
    private protected virtual IDataView Score(IDataView input) => _chain.Transform(input);

    /// <summary>The graph <see cref="ExportOnnx"/> writes.</summary>
    private protected abstract ModelProto ExportGraph();

    private protected virtual void Dispose(bool disposing)
    {
        if (disposing) _chain.Dispose();
    }

    private void CheckInput(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = inputSchema.GetColumnOrNull(FeatureColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Features column '{FeatureColumnName}' not found (expected {FeatureColumnType})");
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size != Model.InputSize)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Features column '{FeatureColumnName}': expected {FeatureColumnType}, found {column.Type}");
    }

    /// <summary>Fits <paramref name="stages"/> (every one fixed already: the ONNX bytes, the key order) on an empty
    /// input of the card's features: fitting only needs the input schema.</summary>
    private protected static TransformerChain<ITransformer> FitChain<TLast>(MLContext mlContext, EstimatorChain<TLast> stages, ModelCard card)
        where TLast : class, ITransformer
    {
        var definition = SchemaDefinition.Create(typeof(FeaturesRow));
        definition[0].ColumnName = card.FeatureColumnName;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, card.FeatureSize);
        var empty = mlContext.Data.LoadFromEnumerable(Array.Empty<FeaturesRow>(), definition);
        return new TransformerChain<ITransformer>(stages.Fit(empty).ToArray());
    }

    /// <summary>The ONNX transform reading the feature column into <paramref name="graphOutputs"/>.</summary>
    private protected static IEstimator<ITransformer> ApplyGraph(MLContext mlContext, ModelProto graph, string featureColumnName,
        string[] graphOutputs) =>
        mlContext.Transforms.ApplyOnnxModel(graphOutputs, [featureColumnName], new MemoryStream(graph.ToByteArray(), writable: false));

    /// <summary>The card every model starts from; the task fills in the rest.</summary>
    private protected static ModelCard BaseCard(MlpWeights weights, string featureColumnName, string labelColumnName,
        string labelType, string scoreColumnName, string predictedLabelColumnName, IReadOnlyList<EpochMetrics> history,
        IReadOnlyDictionary<string, string>? trainingOptions, IReadOnlyList<int>? imageShape,
        IReadOnlyList<InputColumn>? inputColumns) =>
        BaseCard(weights.InputSize, featureColumnName, labelColumnName, labelType, scoreColumnName, predictedLabelColumnName,
            history, trainingOptions, imageShape, inputColumns);

    /// <summary>The card of a network reading <paramref name="inputSize"/> features.</summary>
    private protected static ModelCard BaseCard(int inputSize, string featureColumnName, string labelColumnName,
        string labelType, string scoreColumnName, string predictedLabelColumnName, IReadOnlyList<EpochMetrics> history,
        IReadOnlyDictionary<string, string>? trainingOptions, IReadOnlyList<int>? imageShape,
        IReadOnlyList<InputColumn>? inputColumns) => new()
        {
            FormatVersion = ModelCard.CurrentFormatVersion,
            Producer = MlpOnnxGraph.ProducerName,
            ProducerVersion = MlpOnnxGraph.ProducerVersion,
            FeatureColumnName = featureColumnName,
            FeatureSize = inputSize,
            ImageShape = imageShape is { Count: > 0 } ? [.. imageShape] : null,
            InputColumns = inputColumns,
            LabelColumnName = labelColumnName,
            LabelType = labelType,
            ClassLabels = [],
            ScoreColumnName = scoreColumnName,
            PredictedLabelColumnName = predictedLabelColumnName,
            TrainingOptions = trainingOptions ?? new Dictionary<string, string>(),
            History = [.. history],
        };

    private sealed class FeaturesRow
    {
        public float[] Features { get; set; } = [];
    }
}
