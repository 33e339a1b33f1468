namespace Mnist.MLNet.Models;

/// <summary>Built-in ML.NET stages that turn a 0-based class index into a key of the label's type.</summary>
internal static class LabelKeyStages
{
    // ML.NET's name for the key-values annotation; its own constant (AnnotationUtils.Kinds) is internal.
    private const string KeyValuesKind = "KeyValues";

    /// <summary>The stages, and the class labels in key order as text with their .NET type, for the model card.</summary>
    public sealed record Stages(IEstimator<ITransformer> Estimator, string[] Labels, string LabelType);

    /// <summary>Index i becomes key i + 1 with the label's <c>KeyValues</c>, so <c>MapKeyToValue</c> gives the original
    /// label back; without <c>KeyValues</c> the key still has the label's count (its values are then the indices).</summary>
    public static Stages Create(MLContext mlContext, DataViewSchema.Column labelColumn, int classCount,
        string indexColumnName, string valueColumnName, string keyColumnName)
    {
        // Not HasKeyValues(): without an item type it only looks for text key values.
        if (labelColumn.Annotations.Schema.GetColumnOrNull(KeyValuesKind)?.Type is not VectorDataViewType { ItemType: var itemType })
            return MapThenKey(mlContext, Enumerable.Range(0, classCount).Select(i => (uint)i).ToArray(), indexColumnName, valueColumnName, keyColumnName);

        return itemType.RawType switch
        {
            var t when t == typeof(ReadOnlyMemory<char>) =>
                // ML.NET's value-mapping tables are built from .NET types; text goes in as string.
                MapThenKey(mlContext, KeyValues<ReadOnlyMemory<char>>(labelColumn, classCount).Select(v => v.ToString()).ToArray(),
                    indexColumnName, valueColumnName, keyColumnName),
            var t when t == typeof(uint) => MapThenKey(mlContext, KeyValues<uint>(labelColumn, classCount), indexColumnName, valueColumnName, keyColumnName),
            var t when t == typeof(int) => MapThenKey(mlContext, KeyValues<int>(labelColumn, classCount), indexColumnName, valueColumnName, keyColumnName),
            var t when t == typeof(long) => MapThenKey(mlContext, KeyValues<long>(labelColumn, classCount), indexColumnName, valueColumnName, keyColumnName),
            var t when t == typeof(ulong) => MapThenKey(mlContext, KeyValues<ulong>(labelColumn, classCount), indexColumnName, valueColumnName, keyColumnName),
            var t when t == typeof(float) => MapThenKey(mlContext, KeyValues<float>(labelColumn, classCount), indexColumnName, valueColumnName, keyColumnName),
            var t when t == typeof(double) => MapThenKey(mlContext, KeyValues<double>(labelColumn, classCount), indexColumnName, valueColumnName, keyColumnName),
            var t when t == typeof(bool) => MapThenKey(mlContext, KeyValues<bool>(labelColumn, classCount), indexColumnName, valueColumnName, keyColumnName),
            _ => throw new ArgumentOutOfRangeException(nameof(labelColumn),
                $"Label column '{labelColumn.Name}': expected key values of text or a number, found {itemType}"),
        };
    }

    private static T[] KeyValues<T>(DataViewSchema.Column labelColumn, int classCount)
    {
        VBuffer<T> values = default;
        labelColumn.GetKeyValues(ref values);
        if (values.Length != classCount)
            throw new ArgumentOutOfRangeException(nameof(labelColumn),
                $"Label column '{labelColumn.Name}': expected {classCount} key values, found {values.Length}");
        return values.DenseValues().ToArray();
    }

    private static Stages MapThenKey<T>(MLContext mlContext, T[] values,
        string indexColumnName, string valueColumnName, string keyColumnName)
    {
        var pairs = values.Select((value, index) => new KeyValuePair<uint, T>((uint)index, value));
        var estimator = mlContext.Transforms.Conversion.MapValue(valueColumnName, pairs, indexColumnName)
            .Append(ToKey(mlContext, values, valueColumnName, keyColumnName));
        var labels = values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray();
        // Text goes in as string (see above); the card names the type the label had before MapValueToKey.
        var type = typeof(T) == typeof(string) ? nameof(String) : typeof(T).Name;
        return new Stages(estimator, labels, type);
    }

    private static IEstimator<ITransformer> ToKey<T>(MLContext mlContext, T[] valuesInKeyOrder, string inputColumnName, string keyColumnName) =>
        // keyData in key order, by occurrence: value i becomes key i + 1, exactly the label's numbering.
        mlContext.Transforms.Conversion.MapValueToKey(keyColumnName, inputColumnName,
            keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence,
            keyData: mlContext.Data.LoadFromEnumerable(valuesInKeyOrder.Select(v => new KeyRow<T> { Value = v })));

    private sealed class KeyRow<T>
    {
        public T Value { get; set; } = default!;
    }
}
