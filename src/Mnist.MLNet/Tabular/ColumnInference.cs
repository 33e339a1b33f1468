namespace Mnist.MLNet.Tabular;

/// <summary>Works out from a CSV file's header and values how to read each column and what to predict: numbers are
/// features, text with few distinct values is a category, true/false columns are booleans; the task follows from
/// the label (see <see cref="TaskInference"/>).</summary>
public static class ColumnInference
{
    /// <summary>Infers the schema of <paramref name="table"/>.</summary>
    /// <param name="labelColumnName">The column to predict.</param>
    /// <param name="task">The task, or null to infer it from the label.</param>
    /// <param name="ignore">Columns to leave out.</param>
    /// <exception cref="TabularInputException">The label or an ignored column is not in the header, the label has a
    /// missing value, or no column is left to learn from.</exception>
    /// <exception cref="TaskInferenceException">The task cannot be inferred, or does not suit the label.</exception>
    public static TabularSchema Infer(CsvTable table, string labelColumnName, MlpTask? task = null,
        IEnumerable<string>? ignore = null, TabularInferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(labelColumnName);
        options ??= new TabularInferenceOptions();
        var ignored = (ignore ?? []).ToHashSet();
        foreach (var name in ignored.Append(labelColumnName))
            if (table.IndexOf(name) < 0)
                throw new TabularInputException(table.Path, null, name,
                    $"no such column{(name == labelColumnName ? " (the label)" : " (to ignore)")}; the header has {string.Join(", ", table.Header)}");

        var features = new List<InputColumn>();
        var withMissing = new HashSet<string>();
        var left = new List<IgnoredColumn>();
        for (int i = 0; i < table.Header.Count; i++)
        {
            var name = table.Header[i];
            if (name == labelColumnName) continue;
            if (ignored.Contains(name)) { left.Add(new(name, "ignored as asked")); continue; }
            var stats = ColumnStatistics.Of(table, i, options.MaxCategories);
            if (stats.Present == 0) { left.Add(new(name, "every value is missing")); continue; }
            if (stats.AllNumbers)
            {
                features.Add(new InputColumn(name, InputColumnKind.Number));
                if (stats.Missing > 0) withMissing.Add(name);
            }
            else if (stats.AllBooleans && stats.Missing == 0) features.Add(new InputColumn(name, InputColumnKind.Boolean));
            else if (stats.IsFewDistinct(options.MaxCategories)) features.Add(new InputColumn(name, InputColumnKind.Category, stats.Distinct));
            else left.Add(new(name, $"text with {(stats.DistinctCapped ? "more than " + options.MaxCategories : stats.Distinct.Count)} distinct values among {stats.Present} (an identifier or free text?)"));
        }
        if (features.Count == 0)
            throw new TabularInputException(table.Path, null, null, $"no column is left to learn '{labelColumnName}' from");

        var labelStats = ColumnStatistics.Of(table, table.IndexOf(labelColumnName), int.MaxValue);
        if (labelStats.Missing > 0)
            throw new TabularInputException(table.Path, $"line {labelStats.FirstMissingLine}", labelColumnName, "the label is missing");
        var (label, resolved) = TaskInference.Resolve(labelColumnName, labelStats, task);
        return new TabularSchema
        {
            Features = features,
            Label = label,
            Task = resolved,
            ColumnsWithMissingValues = withMissing,
            Ignored = left,
        };
    }
}
