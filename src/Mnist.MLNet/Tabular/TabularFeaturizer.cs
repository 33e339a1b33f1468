using Microsoft.ML.Transforms;

namespace Mnist.MLNet.Tabular;

/// <summary>The featurisation of a table, in ML.NET's built-in transforms only (so a saved model needs no more than
/// ML.NET and the scoring assembly): numbers with missing values replaced by the training mean, plus a 0/1
/// indicator where training saw gaps; booleans as 0/1; categories one-hot; all concatenated and standardised.</summary>
public static class TabularFeaturizer
{
    // Working columns get names no CSV header is likely to use, and are dropped at the end.
    private const string Prefix = "__tabular_";

    /// <summary>The estimator that turns the raw columns of <paramref name="schema"/> into <paramref name="featureColumnName"/>.</summary>
    public static EstimatorChain<ITransformer> Create(MLContext mlContext, TabularSchema schema, string featureColumnName)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(schema);
        var transforms = mlContext.Transforms;
        var steps = new List<IEstimator<ITransformer>>();
        var parts = new List<string>();
        foreach (var column in schema.Features)
        {
            var name = Prefix + column.Name;
            switch (column.Kind)
            {
                case InputColumnKind.Number:
                    if (schema.ColumnsWithMissingValues.Contains(column.Name))
                    {
                        steps.Add(transforms.IndicateMissingValues(name + "_missing", column.Name));
                        steps.Add(transforms.Conversion.ConvertType(name + "_missing", outputKind: DataKind.Single));
                        parts.Add(name + "_missing");
                    }
                    // Also where training saw no gap: a row to predict may have one.
                    steps.Add(transforms.ReplaceMissingValues(name, column.Name, MissingValueReplacingEstimator.ReplacementMode.Mean));
                    break;
                case InputColumnKind.Boolean:
                    steps.Add(transforms.Conversion.ConvertType(name, column.Name, DataKind.Single));
                    break;
                default:
                    // A value training never saw (or a missing one) maps to no key, so its one-hot block is all zeros.
                    steps.Add(transforms.Categorical.OneHotEncoding(name, column.Name));
                    break;
            }
            parts.Add(name);
        }
        steps.Add(transforms.Concatenate(featureColumnName, [.. parts]));
        // Centred too (fixZero false): the network's first layer then starts on inputs of mean 0, variance 1.
        steps.Add(transforms.NormalizeMeanVariance(featureColumnName, fixZero: false));
        steps.Add(transforms.DropColumns([.. parts]));
        var chain = new EstimatorChain<ITransformer>();
        foreach (var step in steps) chain = chain.Append(step);
        return chain;
    }
}
