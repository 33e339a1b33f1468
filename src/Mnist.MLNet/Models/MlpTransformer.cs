using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Mnist.MLNet.Network;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Scoring.Tabular;

namespace Mnist.MLNet.Models;

/// <summary>The trained MLP as an ML.NET transformer: adds <c>Score</c> (class probabilities) and <c>PredictedLabel</c>
/// (same key type as the label) by running the model's ONNX graph.</summary>
/// <remarks>
/// All the work is an inner chain of built-in ML.NET transforms: the ONNX graph (Score and arg-max), a stateless
/// <see cref="PredictedIndexMapping"/> that unwraps the arg-max to a scalar, <c>MapValue</c> from index to label value
/// and <c>MapValueToKey</c> in the label's key order. Saving writes that chain, so a saved model reloads in any
/// <see cref="MLContext"/> as a plain <see cref="TransformerChain{TLastTransformer}"/> with no registration, and it
/// scores through the very graph the in-memory model uses. Nothing here touches TorchSharp.
/// </remarks>
public sealed class MlpTransformer : ITransformer, ICanSaveModel, IModelCardProvider, IDisposable
{
    /// <summary>Default output column of class probabilities.</summary>
    public const string DefaultScoreColumnName = "Score";

    /// <summary>Default output column of the predicted class, a key of the label's type.</summary>
    public const string DefaultPredictedLabelColumnName = "PredictedLabel";

    private const string PredictedValueColumnName = "__Mlp_PredictedValue";

    private readonly MlpWeights _weights;
    private readonly string _featureColumnName;
    private readonly byte[] _onnxModel;
    private readonly TransformerChain<ITransformer> _chain;
    private readonly Lazy<InferenceSession> _session;   // for bulk scoring; thread-safe, made on first Transform

    /// <summary>Wraps trained <paramref name="weights"/>; <paramref name="labelColumn"/> is the key-typed label the
    /// network was trained on (output index i is key i + 1).</summary>
    /// <param name="trainingOptions">The trainer's options for the model card, by name.</param>
    /// <param name="imageShape">Rows and columns when the features are an image, for the model card.</param>
    /// <param name="inputColumns">The raw table columns the features were made from, for the model card.</param>
    internal MlpTransformer(MLContext mlContext, MlpWeights weights, string featureColumnName,
        DataViewSchema.Column labelColumn, IReadOnlyList<EpochMetrics> history,
        string scoreColumnName = DefaultScoreColumnName, string predictedLabelColumnName = DefaultPredictedLabelColumnName,
        IReadOnlyDictionary<string, string>? trainingOptions = null, IReadOnlyList<int>? imageShape = null,
        IReadOnlyList<InputColumn>? inputColumns = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentException.ThrowIfNullOrEmpty(featureColumnName);
        ArgumentNullException.ThrowIfNull(history);
        if (labelColumn.Type is not KeyDataViewType labelType)
            throw new ArgumentOutOfRangeException(nameof(labelColumn),
                $"Label column '{labelColumn.Name}': expected a key type, found {labelColumn.Type}");
        if (labelType.Count != (ulong)weights.OutputSize)
            throw new ArgumentOutOfRangeException(nameof(labelColumn),
                $"Label column '{labelColumn.Name}': expected a key of {weights.OutputSize} values (the network's outputs), found {labelType}");

        _weights = weights;
        _featureColumnName = featureColumnName;
        ScoreColumnName = scoreColumnName;
        PredictedLabelColumnName = predictedLabelColumnName;
        History = history;
        var toKey = LabelKeyStages.Create(mlContext, labelColumn, weights.OutputSize,
            PredictedIndexMapping.DestinationColumnName, PredictedValueColumnName, PredictedLabelColumnName);
        Card = new ModelCard
        {
            FormatVersion = ModelCard.CurrentFormatVersion,
            Producer = OnnxExporter.ProducerName,
            ProducerVersion = OnnxExporter.ProducerVersion,
            FeatureColumnName = featureColumnName,
            FeatureSize = weights.InputSize,
            ImageShape = imageShape is { Count: > 0 } ? [.. imageShape] : null,
            InputColumns = inputColumns,
            LabelColumnName = labelColumn.Name,
            LabelType = toKey.LabelType,
            ClassLabels = toKey.Labels,
            ScoreColumnName = ScoreColumnName,
            PredictedLabelColumnName = PredictedLabelColumnName,
            TrainingOptions = trainingOptions ?? new Dictionary<string, string>(),
            History = [.. history],
        };
        // The chain's graph takes its input straight from the feature column, so the ONNX input carries its name.
        _onnxModel = OnnxExporter.Build(weights, featureColumnName, ScoreColumnName, PredictedIndexMapping.SourceColumnName, Card).ToByteArray();
        _chain = BuildChain(mlContext, toKey.Estimator);
        _session = new Lazy<InferenceSession>(() => new InferenceSession(_onnxModel));
    }

    /// <summary>The network's weights.</summary>
    public MlpWeights Weights => _weights;

    /// <summary>Metrics of each training epoch, oldest first.</summary>
    public IReadOnlyList<EpochMetrics> History { get; }

    /// <summary>The output column of class probabilities.</summary>
    public string ScoreColumnName { get; }

    /// <summary>The output column of the predicted class.</summary>
    public string PredictedLabelColumnName { get; }

    /// <summary>What the model says about itself; its ONNX graph, saved with the chain, carries the same card.</summary>
    public ModelCard Card { get; }

    /// <summary>The name of the feature column the model reads.</summary>
    public string FeatureColumnName => _featureColumnName;

    public bool IsRowToRowMapper => true;

    /// <summary>Writes the model's ONNX graph (input named after the feature column, outputs <c>Score</c> and
    /// <c>PredictedIndex</c> in key order, the model card as metadata) to <paramref name="path"/>, all or nothing.</summary>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, OnnxExporter.Build(_weights, _featureColumnName, card: Card).ToByteArray());
    }

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckInput(inputSchema);
        return _chain.GetOutputSchema(inputSchema);
    }

    /// <summary>Scores <paramref name="input"/> lazily, running the ONNX graph on blocks of rows; the result has
    /// exactly the columns and values of the saved chain's.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema);
        return new BatchScoredDataView(input, _chain, _session.Value, _featureColumnName, ScoreColumnName,
            PredictedLabelColumnName, PredictedIndexMapping.SourceColumnName, _weights.InputSize, _weights.OutputSize);
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
        if (_session.IsValueCreated) _session.Value.Dispose();
        _chain.Dispose();
    }

    private void CheckInput(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var expected = new VectorDataViewType(NumberDataViewType.Single, _weights.InputSize);
        var column = inputSchema.GetColumnOrNull(_featureColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Features column '{_featureColumnName}' not found (expected {expected})");
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size != _weights.InputSize)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Features column '{_featureColumnName}': expected {expected}, found {column.Type}");
    }

    private TransformerChain<ITransformer> BuildChain(MLContext mlContext, IEstimator<ITransformer> toKey)
    {
        var onnx = mlContext.Transforms.ApplyOnnxModel(
            outputColumnNames: [ScoreColumnName, PredictedIndexMapping.SourceColumnName],
            inputColumnNames: [_featureColumnName],
            modelBytes: new MemoryStream(_onnxModel, writable: false));
        var unwrap = mlContext.Transforms.CustomMapping(new PredictedIndexMapping().GetMapping(), PredictedIndexMapping.ContractName);
        var drop = mlContext.Transforms.DropColumns(
            PredictedIndexMapping.SourceColumnName, PredictedIndexMapping.DestinationColumnName, PredictedValueColumnName);

        var estimator = onnx.Append(unwrap).Append(toKey).Append(drop);
        // Every stage is fixed already (the ONNX bytes, the key order); Fit only needs the input schema.
        var fitted = estimator.Fit(EmptyInput(mlContext));
        return new TransformerChain<ITransformer>(fitted.ToArray());
    }

    private IDataView EmptyInput(MLContext mlContext)
    {
        var definition = SchemaDefinition.Create(typeof(FeaturesRow));
        definition[0].ColumnName = _featureColumnName;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _weights.InputSize);
        return mlContext.Data.LoadFromEnumerable(Array.Empty<FeaturesRow>(), definition);
    }

    private sealed class FeaturesRow
    {
        public float[] Features { get; set; } = [];
    }
}
