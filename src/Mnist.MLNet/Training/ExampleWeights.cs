namespace Mnist.MLNet.Training;

/// <summary>Reads and checks example weights: each finite and not negative, not all zero.</summary>
internal static class ExampleWeights
{
    /// <summary>Reads row <c>index</c>'s weight from <paramref name="column"/> (a Single column).</summary>
    public static Func<long, float> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<float>(column);
        float value = 0;
        return index =>
        {
            get(ref value);
            if (!(value >= 0 && float.IsFinite(value)))
                throw new TrainingDataException(
                    $"Example weight column '{column.Name}' has {value} at row {index}; weights must be finite and not negative.");
            return value;
        };
    }

    /// <summary>Refuses weights that leave nothing to learn from.</summary>
    public static void CheckSum(IReadOnlyList<float> weights, string columnName)
    {
        if (!weights.Any(w => w > 0))
            throw new TrainingDataException($"Example weight column '{columnName}' is zero on every row; at least one row must count.");
    }
}
