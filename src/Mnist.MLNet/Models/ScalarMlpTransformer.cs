using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Onnx;
using Mnist.MLNet.Network;
using Mnist.MLNet.Scoring;

namespace Mnist.MLNet.Models;

/// <summary>What the binary and regression models share: a one-output network scored by its ONNX graph inside a chain
/// of built-in ML.NET transforms, saved as that chain, with a model card in the graph.</summary>
/// <remarks>The chain is the ONNX transform, a stateless mapping from the scoring assembly that unwraps the graph's
/// one-slot vectors into scalars, then copies to the chosen column names. A saved model reloads in any
/// <see cref="MLContext"/> as a plain <see cref="TransformerChain{TLastTransformer}"/>; nothing here touches TorchSharp.</remarks>
public abstract class ScalarMlpTransformer : ITransformer, ICanSaveModel, IModelCardProvider, IDisposable
{
    private readonly Func<string, ModelProto> _exportGraph;
    private readonly TransformerChain<ITransformer> _chain;

    /// <param name="graph">Builds the graph with the given input name and the chain's internal output names.</param>
    /// <param name="exportGraph">Builds the graph, input named after the features, outputs with their public names.</param>
    private protected ScalarMlpTransformer(MLContext mlContext, MlpWeights weights, ModelCard card,
        Func<ModelProto> graph, Func<string, ModelProto> exportGraph, string[] graphOutputs,
        IEstimator<ITransformer> unwrap, InputOutputColumnPair[] copies)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        Weights = weights;
        Card = card;
        _exportGraph = exportGraph;
        var onnx = mlContext.Transforms.ApplyOnnxModel(graphOutputs, [card.FeatureColumnName],
            new MemoryStream(graph().ToByteArray(), writable: false));
        var drop = mlContext.Transforms.DropColumns([.. graphOutputs, .. copies.Select(c => c.InputColumnName)]);
        var estimator = onnx.Append(unwrap).Append(CopyAll(mlContext, copies)).Append(drop);
        // Every stage is fixed already (the ONNX bytes); Fit only needs the input schema.
        _chain = new TransformerChain<ITransformer>(estimator.Fit(EmptyInput(mlContext, card)).ToArray());
    }

    /// <summary>The network's weights (one output).</summary>
    public MlpWeights Weights { get; }

    /// <summary>What the model says about itself; its ONNX graph, saved with the chain, carries the same card.</summary>
    public ModelCard Card { get; }

    /// <summary>Metrics of each training epoch, oldest first.</summary>
    public IReadOnlyList<EpochMetrics> History => Card.History;

    /// <summary>The name of the feature column the model reads.</summary>
    public string FeatureColumnName => Card.FeatureColumnName;

    /// <summary>The output column of the score.</summary>
    public string ScoreColumnName => Card.ScoreColumnName;

    public bool IsRowToRowMapper => true;

    /// <summary>Writes the model's ONNX graph (input named after the feature column, outputs named after the output
    /// columns, the model card as metadata) to <paramref name="path"/>, all or nothing.</summary>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, _exportGraph(FeatureColumnName).ToByteArray());
    }

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckInput(inputSchema);
        return _chain.GetOutputSchema(inputSchema);
    }

    /// <summary>Scores <paramref name="input"/> lazily through the chain.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema);
        return _chain.Transform(input);
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        CheckInput(inputSchema);
        return ((ITransformer)_chain).GetRowToRowMapper(inputSchema);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_chain).Save(ctx);

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        _chain.Dispose();
        GC.SuppressFinalize(this);
    }

    private void CheckInput(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var expected = new VectorDataViewType(NumberDataViewType.Single, Weights.InputSize);
        var column = inputSchema.GetColumnOrNull(FeatureColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Features column '{FeatureColumnName}' not found (expected {expected})");
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size != Weights.InputSize)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Features column '{FeatureColumnName}': expected {expected}, found {column.Type}");
    }

    /// <summary>The card every one-output model starts from; the derived model fills in its task.</summary>
    private protected static ModelCard BaseCard(MlpWeights weights, string featureColumnName, string labelColumnName,
        string labelType, string scoreColumnName, string predictedLabelColumnName, IReadOnlyList<EpochMetrics> history,
        IReadOnlyDictionary<string, string>? trainingOptions, IReadOnlyList<int>? imageShape) => new()
    {
        FormatVersion = ModelCard.CurrentFormatVersion,
        Producer = OnnxExporter.ProducerName,
        ProducerVersion = OnnxExporter.ProducerVersion,
        FeatureColumnName = featureColumnName,
        FeatureSize = weights.InputSize,
        ImageShape = imageShape is { Count: > 0 } ? [.. imageShape] : null,
        LabelColumnName = labelColumnName,
        LabelType = labelType,
        ClassLabels = [],
        ScoreColumnName = scoreColumnName,
        PredictedLabelColumnName = predictedLabelColumnName,
        TrainingOptions = trainingOptions ?? new Dictionary<string, string>(),
        History = [.. history],
    };

    private static IEstimator<ITransformer> CopyAll(MLContext mlContext, InputOutputColumnPair[] copies)
    {
        IEstimator<ITransformer> estimator = mlContext.Transforms.CopyColumns(copies[0].OutputColumnName, copies[0].InputColumnName);
        foreach (var copy in copies.Skip(1))
            estimator = estimator.Append(mlContext.Transforms.CopyColumns(copy.OutputColumnName, copy.InputColumnName));
        return estimator;
    }

    private static IDataView EmptyInput(MLContext mlContext, ModelCard card)
    {
        var definition = SchemaDefinition.Create(typeof(FeaturesRow));
        definition[0].ColumnName = card.FeatureColumnName;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, card.FeatureSize);
        return mlContext.Data.LoadFromEnumerable(Array.Empty<FeaturesRow>(), definition);
    }

    private sealed class FeaturesRow
    {
        public float[] Features { get; set; } = [];
    }
}
