using Microsoft.ML;
using Mnist.MLNet.Network;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Scoring.Tabular;

namespace Mnist.MLNet.Models;

/// <summary>The trained binary MLP: adds <c>Score</c> (the logit), <c>Probability</c> (its sigmoid) and
/// <c>PredictedLabel</c> (Boolean, true when the probability is above one half), as ML.NET's binary trainers do.</summary>
public sealed class BinaryMlpTransformer : ScalarMlpTransformer
{
    internal BinaryMlpTransformer(MLContext mlContext, MlpWeights weights, string featureColumnName, string labelColumnName,
        IReadOnlyList<EpochMetrics> history, string scoreColumnName, string probabilityColumnName, string predictedLabelColumnName,
        IReadOnlyDictionary<string, string>? trainingOptions = null, IReadOnlyList<int>? imageShape = null,
        IReadOnlyList<InputColumn>? inputColumns = null)
        : this(mlContext, weights, probabilityColumnName, BaseCard(weights, featureColumnName, labelColumnName, nameof(Boolean),
            scoreColumnName, predictedLabelColumnName, history, trainingOptions, imageShape) with
        {
            Task = MlpTask.BinaryClassification,
            InputColumns = inputColumns,
            ClassLabels = [bool.FalseString, bool.TrueString],
        })
    { }

    private BinaryMlpTransformer(MLContext mlContext, MlpWeights weights, string probabilityColumnName, ModelCard card)
        : base(mlContext, weights, card,
            () => ScalarOnnxGraph.Binary(weights, card.FeatureColumnName,
                BinaryScoreMapping.LogitVectorColumnName, BinaryScoreMapping.ProbabilityVectorColumnName, card),
            features => ScalarOnnxGraph.Binary(weights, features, ScalarOnnxGraph.ScoreName, ScalarOnnxGraph.ProbabilityName, card),
            [BinaryScoreMapping.LogitVectorColumnName, BinaryScoreMapping.ProbabilityVectorColumnName],
            mlContext.Transforms.CustomMapping(new BinaryScoreMapping().GetMapping(), BinaryScoreMapping.ContractName),
            [
                new(card.ScoreColumnName, BinaryScoreMapping.ScoreColumnName),
                new(probabilityColumnName, BinaryScoreMapping.ProbabilityColumnName),
                new(card.PredictedLabelColumnName, BinaryScoreMapping.PredictedLabelColumnName),
            ])
    {
        ProbabilityColumnName = probabilityColumnName;
    }

    /// <summary>The output column of the probability of true.</summary>
    public string ProbabilityColumnName { get; }

    /// <summary>The output column of the predicted label.</summary>
    public string PredictedLabelColumnName => Card.PredictedLabelColumnName;
}
