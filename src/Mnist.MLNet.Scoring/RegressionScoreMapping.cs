using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Mnist.MLNet.Scoring;

/// <summary>Turns the regression graph's one-slot prediction vector into the scalar <c>Score</c> ML.NET's regression
/// evaluator reads.</summary>
/// <remarks>See <see cref="OneSlotMapping{TSource, TDestination}"/> for why a mapping; the contract name is what saved models record.</remarks>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class RegressionScoreMapping : OneSlotMapping<RegressionScoreMapping.Source, RegressionScoreMapping.Destination>
{
    /// <summary>The name saved models know this mapping by; never change it.</summary>
    public const string ContractName = "Mnist.MLNet.RegressionScore";

    /// <summary>Graph output column of the prediction (dropped after the mapping).</summary>
    public const string ScoreVectorColumnName = "__Mlp_ScoreVector";

    /// <summary>The mapping's scalar prediction column (copied to the score column, then dropped).</summary>
    public const string ScoreColumnName = "__Mlp_Score";

    /// <summary>The ONNX output row.</summary>
    public sealed class Source
    {
        /// <summary>The prediction in the label's units, one slot.</summary>
        [ColumnName(ScoreVectorColumnName), VectorType(1)]
        public float[] Score { get; set; } = [];
    }

    /// <summary>The scalar row.</summary>
    public sealed class Destination
    {
        /// <summary>The prediction.</summary>
        [ColumnName(ScoreColumnName)]
        public float Score { get; set; }
    }

    protected override void Unwrap(Source source, Destination destination) => destination.Score = source.Score[0];
}
