namespace Mnist.MLNet.Tabular;

/// <summary>Class labels as the one-column data view <c>MapValueToKey</c>'s <c>keyData</c> takes: key i + 1 is label i.</summary>
internal static class ClassKeys
{
    public static IDataView Of(MLContext mlContext, IEnumerable<string> labels) =>
        mlContext.Data.LoadFromEnumerable(labels.Select(l => new Row { Value = l }).ToArray());

    private sealed class Row
    {
        public string Value { get; set; } = "";
    }
}
