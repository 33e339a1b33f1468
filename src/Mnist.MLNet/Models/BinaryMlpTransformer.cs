using Mnist.MLNet.Network;
using Onnx;

namespace Mnist.MLNet.Models;

/// <summary>The trained binary MLP: adds <c>Score</c> (the logit), <c>Probability</c> (its sigmoid) and
/// <c>PredictedLabel</c> (Boolean, true when the probability is above one half), as ML.NET's binary trainers do.</summary>
public sealed class BinaryMlpTransformer : MlpPredictionTransformer
{
    internal BinaryMlpTransformer(MLContext mlContext, MlpWeights weights, string featureColumnName, string labelColumnName,
        IReadOnlyList<EpochMetrics> history, string scoreColumnName, string probabilityColumnName, string predictedLabelColumnName,
        IReadOnlyDictionary<string, string>? trainingOptions = null, IReadOnlyList<int>? imageShape = null,
        IReadOnlyList<InputColumn>? inputColumns = null)
        : this(Fitted(mlContext, weights, probabilityColumnName, BaseCard(weights, featureColumnName, labelColumnName,
            nameof(Boolean), scoreColumnName, predictedLabelColumnName, history, trainingOptions, imageShape, inputColumns) with
        {
            Task = MlpTask.BinaryClassification,
            ClassLabels = [bool.FalseString, bool.TrueString],
        }), probabilityColumnName)
    { }

    /// <summary>A model read back from a saved zip: its card, weights, loaded chain and probability column.</summary>
    internal BinaryMlpTransformer(MlpModelParameters model, TransformerChain<ITransformer> chain, string probabilityColumnName)
        : base(model, chain)
    {
        ProbabilityColumnName = probabilityColumnName;
    }

    private BinaryMlpTransformer((MlpModelParameters Model, TransformerChain<ITransformer> Chain) parts, string probabilityColumnName)
        : this(parts.Model, parts.Chain, probabilityColumnName)
    { }

    /// <summary>The output column of the probability of true.</summary>
    public string ProbabilityColumnName { get; }

    /// <summary>The output column of the predicted label.</summary>
    public string PredictedLabelColumnName => Card.PredictedLabelColumnName;

    private protected override ModelProto ExportGraph() =>
        ScalarOnnxGraph.Binary(Weights, FeatureColumnName, ScalarOnnxGraph.ScoreName, ScalarOnnxGraph.ProbabilityName, Card);

    private static (MlpModelParameters, TransformerChain<ITransformer>) Fitted(MLContext mlContext, MlpWeights weights,
        string probabilityColumnName, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var graph = ScalarOnnxGraph.Binary(weights, card.FeatureColumnName,
            BinaryScoreMapping.LogitVectorColumnName, BinaryScoreMapping.ProbabilityVectorColumnName, card);
        var stages = ApplyGraph(mlContext, graph, card.FeatureColumnName,
                [BinaryScoreMapping.LogitVectorColumnName, BinaryScoreMapping.ProbabilityVectorColumnName])
            .Append(mlContext.Transforms.CustomMapping(new BinaryScoreMapping().GetMapping(), BinaryScoreMapping.ContractName))
            .Append(mlContext.Transforms.CopyColumns(card.ScoreColumnName, BinaryScoreMapping.ScoreColumnName))
            .Append(mlContext.Transforms.CopyColumns(probabilityColumnName, BinaryScoreMapping.ProbabilityColumnName))
            .Append(mlContext.Transforms.CopyColumns(card.PredictedLabelColumnName, BinaryScoreMapping.PredictedLabelColumnName))
            .Append(mlContext.Transforms.DropColumns(BinaryScoreMapping.LogitVectorColumnName, BinaryScoreMapping.ProbabilityVectorColumnName,
                BinaryScoreMapping.ScoreColumnName, BinaryScoreMapping.ProbabilityColumnName, BinaryScoreMapping.PredictedLabelColumnName));
        return (new MlpModelParameters(weights, card), FitChain(mlContext, stages, card));
    }
}
