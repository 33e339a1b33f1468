using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Mnist.MLNet.Scoring;

// The mappings of the two graphs that end in a single one-slot column: the multiclass graph's arg-max and the
// regression graph's prediction. They are one pattern (see OneSlotMapping for why a mapping), so one file: first the
// rows, each named after the one column it holds, then the mappings, which differ only in their rows and how they unwrap.
// Saved models record every contract and column name here, so none ever changes; all four columns are dropped again
// after the mapping.

/// <summary>The multiclass graph's output: the arg-max of the logits, one slot.</summary>
public sealed class PredictedIndexVectorRow { public const string Column = "__Mlp_PredictedIndexVector"; [ColumnName(Column), VectorType(1)] public long[] Index { get; set; } = []; }

/// <summary>The regression graph's output: the prediction in the label's units, one slot.</summary>
public sealed class ScoreVectorRow { public const string Column = "__Mlp_ScoreVector"; [ColumnName(Column), VectorType(1)] public float[] Score { get; set; } = []; }

/// <summary>The 0-based class index <see cref="PredictedIndexMapping"/> writes.</summary>
public sealed class PredictedIndexRow { public const string Column = "__Mlp_PredictedIndex"; [ColumnName(Column)] public uint Index { get; set; } }

/// <summary>The prediction <see cref="RegressionScoreMapping"/> writes (then copied to the score column).</summary>
public sealed class ScoreRow { public const string Column = "__Mlp_Score"; [ColumnName(Column)] public float Score { get; set; } }

/// <summary>Turns the one-slot <c>PredictedIndex</c> vector from the ONNX graph into a scalar class index.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PredictedIndexMapping : OneSlotMapping<PredictedIndexVectorRow, PredictedIndexRow>
{
    /// <summary>The name saved models know this mapping by.</summary>
    public const string ContractName = "Mnist.MLNet.PredictedIndex";

    protected override void Unwrap(PredictedIndexVectorRow source, PredictedIndexRow destination) => destination.Index = checked((uint)source.Index[0]);
}

/// <summary>Turns the regression graph's one-slot prediction vector into the scalar <c>Score</c> ML.NET's regression
/// evaluator reads.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class RegressionScoreMapping : OneSlotMapping<ScoreVectorRow, ScoreRow>
{
    /// <summary>The name saved models know this mapping by.</summary>
    public const string ContractName = "Mnist.MLNet.RegressionScore";

    protected override void Unwrap(ScoreVectorRow source, ScoreRow destination) => destination.Score = source.Score[0];
}
