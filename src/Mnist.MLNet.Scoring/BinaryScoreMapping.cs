using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Mnist.MLNet.Scoring;

/// <summary>Turns the binary graph's one-slot logit and probability vectors into the scalar <c>Score</c>,
/// <c>Probability</c> and Boolean <c>PredictedLabel</c> ML.NET's binary evaluators read.</summary>
/// <remarks>See <see cref="OneSlotMapping{TSource, TDestination}"/> for why a mapping; the contract name is what saved
/// models record.</remarks>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BinaryScoreMapping : OneSlotMapping<BinaryScoreMapping.Source, BinaryScoreMapping.Destination>
{
    /// <summary>The name saved models know this mapping by.</summary>
    public const string ContractName = "Mnist.MLNet.BinaryScore";

    /// <summary>Graph output column of the logit (dropped after the mapping).</summary>
    public const string LogitVectorColumnName = "__Mlp_LogitVector";

    /// <summary>Graph output column of the probability (dropped after the mapping).</summary>
    public const string ProbabilityVectorColumnName = "__Mlp_ProbabilityVector";

    /// <summary>The mapping's scalar logit column (copied to the score column, then dropped).</summary>
    public const string ScoreColumnName = "__Mlp_Score";

    /// <summary>The mapping's scalar probability column.</summary>
    public const string ProbabilityColumnName = "__Mlp_Probability";

    /// <summary>The mapping's predicted label column.</summary>
    public const string PredictedLabelColumnName = "__Mlp_PredictedLabel";

    /// <summary>The ONNX output row.</summary>
    public sealed class Source
    {
        /// <summary>The logit, one slot.</summary>
        [ColumnName(LogitVectorColumnName), VectorType(1)]
        public float[] Logit { get; set; } = [];

        /// <summary>Its sigmoid, one slot.</summary>
        [ColumnName(ProbabilityVectorColumnName), VectorType(1)]
        public float[] Probability { get; set; } = [];
    }

    /// <summary>The scalar row.</summary>
    public sealed class Destination
    {
        /// <summary>The logit.</summary>
        [ColumnName(ScoreColumnName)]
        public float Score { get; set; }

        /// <summary>The probability of true.</summary>
        [ColumnName(ProbabilityColumnName)]
        public float Probability { get; set; }

        /// <summary>True when the logit is positive (probability above one half).</summary>
        [ColumnName(PredictedLabelColumnName)]
        public bool PredictedLabel { get; set; }
    }

    protected override void Unwrap(Source source, Destination destination)
    {
        destination.Score = source.Logit[0];
        destination.Probability = source.Probability[0];
        destination.PredictedLabel = source.Logit[0] > 0;
    }
}
