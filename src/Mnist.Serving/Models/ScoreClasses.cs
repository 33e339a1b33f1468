using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mnist.Serving.Models;

/// <summary>Which digit each slot of a model's <c>Score</c> column stands for.</summary>
/// <remarks>Score is in the order the training labels were keyed (by occurrence: MNIST's first label is 5), not in
/// digit order. The pipeline's key-typed <c>PredictedLabel</c> column, hidden once <c>MapKeyToValue</c> replaces it,
/// carries the label of each key, and so of each slot.</remarks>
internal static class ScoreClasses
{
    public const string ScoreColumnName = "Score";
    public const string PredictedLabelColumnName = "PredictedLabel";

    // ML.NET's name for the key-values annotation; its own constant (AnnotationUtils.Kinds) is internal.
    private const string KeyValuesKind = "KeyValues";

    /// <summary>The digit of each Score slot of <paramref name="output"/>, a scored schema.</summary>
    /// <exception cref="InvalidDataException">No Score vector, or classes that are not the digits 0..n-1.</exception>
    public static int[] Read(DataViewSchema output)
    {
        if (output.GetColumnOrNull(ScoreColumnName)?.Type is not VectorDataViewType { ItemType: var item, Size: var count }
            || item != NumberDataViewType.Single || count == 0)
            throw new InvalidDataException($"output column '{ScoreColumnName}': expected a known-size vector of Single, found " +
                (output.GetColumnOrNull(ScoreColumnName)?.Type.ToString() ?? "none"));

        var key = output.Cast<DataViewSchema.Column?>().LastOrDefault(c => c!.Value.Name == PredictedLabelColumnName
            && c.Value.Type is KeyDataViewType && c.Value.Annotations.Schema.GetColumnOrNull(KeyValuesKind) is not null);
        var labels = key is { } column ? Labels(column) : Enumerable.Range(0, count).Select(Text).ToArray();
        if (labels.Length != count)
            throw new InvalidDataException($"'{PredictedLabelColumnName}' names {labels.Length} classes, '{ScoreColumnName}' holds {count}");

        var digits = labels.Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1).ToArray();
        if (!digits.Order().SequenceEqual(Enumerable.Range(0, count)))
            throw new InvalidDataException($"classes are {string.Join(", ", labels)}; expected the digits 0-{count - 1}");
        return digits;
    }

    private static string[] Labels(DataViewSchema.Column column)
    {
        var itemType = ((VectorDataViewType)column.Annotations.Schema[KeyValuesKind].Type).ItemType.RawType;
        var read = typeof(ScoreClasses).GetMethod(nameof(KeyValues), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(itemType);
        return (string[])read.Invoke(null, [column])!;
    }

    private static string[] KeyValues<T>(DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray();
    }

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);
}
