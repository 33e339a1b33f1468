using Mnist.MLNet.Network;
using Onnx;

namespace Mnist.MLNet.Models;

/// <summary>The trained regression MLP: adds <c>Score</c>, the prediction in the label's own units (the graph undoes
/// the standardisation the network was trained with).</summary>
public sealed class RegressionMlpTransformer : MlpPredictionTransformer
{
    internal RegressionMlpTransformer(MLContext mlContext, MlpWeights weights, string featureColumnName, string labelColumnName,
        LabelScaling scaling, IReadOnlyList<EpochMetrics> history, string scoreColumnName,
        IReadOnlyDictionary<string, string>? trainingOptions = null, IReadOnlyList<int>? imageShape = null,
        IReadOnlyList<InputColumn>? inputColumns = null)
        : this(Fitted(mlContext, weights, BaseCard(weights, featureColumnName, labelColumnName, nameof(Single),
            scoreColumnName, scoreColumnName, history, trainingOptions, imageShape, inputColumns) with
        {
            Task = MlpTask.Regression,
            LabelScaling = scaling,
        }))
    { }

    /// <summary>A model read back from a saved zip: its card (which holds the label's scaling), weights and loaded chain.</summary>
    internal RegressionMlpTransformer(MlpModelParameters model, TransformerChain<ITransformer> chain) : base(model, chain)
    {
        Scaling = model.Card.LabelScaling
            ?? throw new ArgumentException("a regression model card without the label's scaling", nameof(model));
    }

    private RegressionMlpTransformer((MlpModelParameters Model, TransformerChain<ITransformer> Chain) parts)
        : this(parts.Model, parts.Chain)
    { }

    /// <summary>How the label was standardised for training (the model card records it too).</summary>
    public LabelScaling Scaling { get; }

    private protected override ModelProto ExportGraph() =>
        ScalarOnnxGraph.Regression(Weights, FeatureColumnName, ScalarOnnxGraph.ScoreName, Scaling, Card);

    private static (MlpModelParameters, TransformerChain<ITransformer>) Fitted(MLContext mlContext, MlpWeights weights, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var graph = ScalarOnnxGraph.Regression(weights, card.FeatureColumnName, ScoreVectorRow.Column, card.LabelScaling!, card);
        var stages = ApplyGraph(mlContext, graph, card.FeatureColumnName, [ScoreVectorRow.Column])
            .Append(mlContext.Transforms.CustomMapping(new RegressionScoreMapping().GetMapping(), RegressionScoreMapping.ContractName))
            .Append(mlContext.Transforms.CopyColumns(card.ScoreColumnName, ScoreRow.Column))
            .Append(mlContext.Transforms.DropColumns(ScoreVectorRow.Column, ScoreRow.Column));
        return (new MlpModelParameters(weights, card), FitChain(mlContext, stages, card));
    }
}
