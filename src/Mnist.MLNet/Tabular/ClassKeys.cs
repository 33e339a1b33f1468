using System.Globalization;

namespace Mnist.MLNet.Tabular;

/// <summary>Class labels as the one-column data view <c>MapValueToKey</c>'s <c>keyData</c> takes: key i + 1 is label i.
/// Labels are text, or numbers when the label column is one (read as Single).</summary>
internal static class ClassKeys
{
    public static IDataView Of(MLContext mlContext, IEnumerable<string> labels, bool numeric = false) => numeric
        ? mlContext.Data.LoadFromEnumerable(labels.Select(l => new NumberRow { Value = Parse(l) }).ToArray())
        : mlContext.Data.LoadFromEnumerable(labels.Select(l => new Row { Value = l }).ToArray());

    /// <summary>Numeric class labels as the model card spells them (<c>3</c>, not <c>3.0</c>), each once, in the order
    /// of <paramref name="texts"/>.</summary>
    public static IReadOnlyList<string> NumericLabels(IEnumerable<string> texts) =>
        [.. texts.Select(t => Convert.ToString(Parse(t), CultureInfo.InvariantCulture)!).Distinct()];

    private static float Parse(string text) => (float)double.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public string Value { get; set; } = "";
    }

    private sealed class NumberRow
    {
        public float Value { get; set; }
    }
}
