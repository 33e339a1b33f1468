namespace Mnist.MLNet.Tabular;

/// <summary>What the values of one CSV column look like: how many are missing, whether all the others are numbers
/// or booleans, and its distinct values (up to a cap, in order of first appearance).</summary>
internal sealed class ColumnStatistics
{
    private ColumnStatistics() { }

    public int Present { get; private set; }
    public int Missing { get; private set; }
    public long FirstMissingLine { get; private set; }
    public bool AllNumbers { get; private set; } = true;
    public bool AllBooleans { get; private set; } = true;
    public List<string> Distinct { get; } = [];

    /// <summary>True when there were more distinct values than the cap (and <see cref="Distinct"/> stopped there).</summary>
    public bool DistinctCapped { get; private set; }

    /// <summary>Few enough distinct values to be categories: at most <paramref name="maxCategories"/>, and each seen
    /// twice on average (so that a column of mostly unique values is not one-hot encoded).</summary>
    public bool IsFewDistinct(int maxCategories) => !DistinctCapped && Distinct.Count <= maxCategories && 2 * Distinct.Count <= Present;

    public static ColumnStatistics Of(CsvTable table, int index, int distinctCap)
    {
        var stats = new ColumnStatistics();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in table.Records)
        {
            var text = index < record.Fields.Length ? record.Fields[index].Trim() : "";
            if (TabularValues.IsMissing(text))
            {
                if (stats.Missing++ == 0) stats.FirstMissingLine = record.Line;
                continue;
            }
            stats.Present++;
            stats.AllNumbers &= TabularValues.TryParseNumber(text, out _);
            stats.AllBooleans &= TabularValues.TryParseBoolean(text, out _);
            if (stats.DistinctCapped || !seen.Add(text)) continue;
            if (stats.Distinct.Count == distinctCap) stats.DistinctCapped = true;
            else stats.Distinct.Add(text);
        }
        return stats;
    }
}
