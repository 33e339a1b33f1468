using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Mnist.MLNet.Network;
using Mnist.MLNet.Network.Layers;
using Onnx;

namespace Mnist.MLNet.Models;

/// <summary>The trained multiclass MLP: adds <c>Score</c> (class probabilities) and <c>PredictedLabel</c> (same key
/// type as the label) by running the model's ONNX graph.</summary>
/// <remarks>
/// The chain is the ONNX graph (Score and arg-max), a stateless <see cref="PredictedIndexMapping"/> that unwraps the
/// arg-max to a scalar, <c>MapValue</c> from index to label value and <c>MapValueToKey</c> in the label's key order.
/// <see cref="MlpPredictionTransformer.Transform"/> runs the same graph on blocks of rows for speed, with the chain's columns and values.
/// </remarks>
public sealed class MlpTransformer : MlpPredictionTransformer
{
    /// <summary>Default output column of class probabilities.</summary>
    public const string DefaultScoreColumnName = "Score";

    /// <summary>Default output column of the predicted class, a key of the label's type.</summary>
    public const string DefaultPredictedLabelColumnName = "PredictedLabel";

    private const string PredictedValueColumnName = "__Mlp_PredictedValue";

    private readonly byte[] _onnxModel;
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
        : this(Fitted(mlContext, weights ?? throw new ArgumentNullException(nameof(weights)), null, featureColumnName, labelColumn,
            history, scoreColumnName, predictedLabelColumnName, trainingOptions, imageShape, inputColumns))
    { }

    /// <summary>Wraps a trained layer stack (convolutions, pooling, ...); otherwise as the MLP's constructor.</summary>
    internal MlpTransformer(MLContext mlContext, LayerStackWeights layers, string featureColumnName,
        DataViewSchema.Column labelColumn, IReadOnlyList<EpochMetrics> history,
        string scoreColumnName = DefaultScoreColumnName, string predictedLabelColumnName = DefaultPredictedLabelColumnName,
        IReadOnlyDictionary<string, string>? trainingOptions = null, IReadOnlyList<int>? imageShape = null,
        IReadOnlyList<InputColumn>? inputColumns = null)
        : this(Fitted(mlContext, null, layers ?? throw new ArgumentNullException(nameof(layers)), featureColumnName, labelColumn,
            history, scoreColumnName, predictedLabelColumnName, trainingOptions, imageShape, inputColumns))
    { }

    /// <summary>A model read back from a saved zip: its card, weights, graph and loaded chain.</summary>
    internal MlpTransformer(MlpModelParameters model, ModelProto graph, TransformerChain<ITransformer> chain)
        : this((model, graph.ToByteArray(), chain))
    { }

    private MlpTransformer((MlpModelParameters Model, byte[] Graph, TransformerChain<ITransformer> Chain) parts)
        : base(parts.Model, parts.Chain)
    {
        _onnxModel = parts.Graph;
        _session = new Lazy<InferenceSession>(() => new InferenceSession(_onnxModel));
    }

    /// <summary>The output column of the predicted class.</summary>
    public string PredictedLabelColumnName => Card.PredictedLabelColumnName;

    // Exactly one of weights and layers is given.
    private static (MlpModelParameters, byte[], TransformerChain<ITransformer>) Fitted(MLContext mlContext, MlpWeights? weights,
        LayerStackWeights? layers, string featureColumnName, DataViewSchema.Column labelColumn, IReadOnlyList<EpochMetrics> history, string scoreColumnName,
        string predictedLabelColumnName, IReadOnlyDictionary<string, string>? trainingOptions, IReadOnlyList<int>? imageShape,
        IReadOnlyList<InputColumn>? inputColumns)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        int inputSize = weights?.InputSize ?? layers!.InputSize, outputSize = weights?.OutputSize ?? layers!.OutputSize;
        ArgumentException.ThrowIfNullOrEmpty(featureColumnName);
        ArgumentNullException.ThrowIfNull(history);
        if (labelColumn.Type is not KeyDataViewType labelType)
            throw new ArgumentOutOfRangeException(nameof(labelColumn),
                $"Label column '{labelColumn.Name}': expected a key type, found {labelColumn.Type}");
        if (labelType.Count != (ulong)outputSize)
            throw new ArgumentOutOfRangeException(nameof(labelColumn),
                $"Label column '{labelColumn.Name}': expected a key of {outputSize} values (the network's outputs), found {labelType}");

        var toKey = LabelKeyStages.Create(mlContext, labelColumn, outputSize,
            PredictedIndexRow.Column, PredictedValueColumnName, predictedLabelColumnName);
        var card = BaseCard(inputSize, featureColumnName, labelColumn.Name, toKey.LabelType, scoreColumnName,
            predictedLabelColumnName, history, trainingOptions, imageShape, inputColumns) with
        { ClassLabels = toKey.Labels };
        // The chain's graph takes its input straight from the feature column, so the ONNX input carries its name.
        var graph = weights is not null
            ? MlpOnnxGraph.Build(weights, featureColumnName, scoreColumnName, PredictedIndexVectorRow.Column, card)
            : LayerStackOnnxGraph.Build(layers!, featureColumnName, scoreColumnName, PredictedIndexVectorRow.Column, card);
        var stages = ApplyGraph(mlContext, graph, featureColumnName, [scoreColumnName, PredictedIndexVectorRow.Column])
            .Append(mlContext.Transforms.CustomMapping(new PredictedIndexMapping().GetMapping(), PredictedIndexMapping.ContractName))
            .Append(toKey.Estimator)
            .Append(mlContext.Transforms.DropColumns(
                PredictedIndexVectorRow.Column, PredictedIndexRow.Column, PredictedValueColumnName));
        var model = weights is not null ? new MlpModelParameters(weights, card) : new MlpModelParameters(layers!, card);
        return (model, graph.ToByteArray(), FitChain(mlContext, stages, card));
    }

    /// <summary>Runs the ONNX graph on blocks of rows; the result has exactly the columns and values of the chain's.</summary>
    private protected override IDataView Score(IDataView input) =>
        new BatchScoredDataView(input, Chain, _session.Value, FeatureColumnName, ScoreColumnName,
            PredictedLabelColumnName, PredictedIndexVectorRow.Column, Model.InputSize, Model.OutputSize);

    /// <summary>Input named after the feature column, outputs <c>Score</c> and <c>PredictedIndex</c> in key order.</summary>
    private protected override ModelProto ExportGraph() => Model.LayerStack is { } layers
        ? LayerStackOnnxGraph.Build(layers, FeatureColumnName, card: Card)
        : MlpOnnxGraph.Build(Weights, FeatureColumnName, card: Card);

    private protected override void Dispose(bool disposing)
    {
        if (disposing && _session.IsValueCreated) _session.Value.Dispose();
        base.Dispose(disposing);
    }
}
