using Microsoft.ML;
using Mnist.MLNet.Network;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Scoring.Tabular;

namespace Mnist.MLNet.Models;

/// <summary>The trained regression MLP: adds <c>Score</c>, the prediction in the label's own units (the graph undoes
/// the standardisation the network was trained with).</summary>
public sealed class RegressionMlpTransformer : ScalarMlpTransformer
{
    internal RegressionMlpTransformer(MLContext mlContext, MlpWeights weights, string featureColumnName, string labelColumnName,
        LabelScaling scaling, IReadOnlyList<EpochMetrics> history, string scoreColumnName,
        IReadOnlyDictionary<string, string>? trainingOptions = null, IReadOnlyList<int>? imageShape = null,
        IReadOnlyList<InputColumn>? inputColumns = null)
        : this(mlContext, weights, scaling, BaseCard(weights, featureColumnName, labelColumnName, nameof(Single),
            scoreColumnName, scoreColumnName, history, trainingOptions, imageShape) with
        {
            Task = MlpTask.Regression,
            LabelScaling = scaling,
            InputColumns = inputColumns,
        })
    { }

    private RegressionMlpTransformer(MLContext mlContext, MlpWeights weights, LabelScaling scaling, ModelCard card)
        : base(mlContext, weights, card,
            () => ScalarOnnxGraph.Regression(weights, card.FeatureColumnName, RegressionScoreMapping.ScoreVectorColumnName, scaling, card),
            features => ScalarOnnxGraph.Regression(weights, features, ScalarOnnxGraph.ScoreName, scaling, card),
            [RegressionScoreMapping.ScoreVectorColumnName],
            mlContext.Transforms.CustomMapping(new RegressionScoreMapping().GetMapping(), RegressionScoreMapping.ContractName),
            [new(card.ScoreColumnName, RegressionScoreMapping.ScoreColumnName)])
    {
        Scaling = scaling;
    }

    /// <summary>How the label was standardised for training (the model card records it too).</summary>
    public LabelScaling Scaling { get; }
}
