using System.Text.Json;

namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>Reads the columns a model needs out of a CSV file or JSON rows, checking every value, into a
/// <see cref="TabularDataView"/>. Errors name the source, the line or row, and the column.</summary>
public static class TabularRows
{
    /// <summary>The columns <paramref name="columns"/> (by header name, in any order, other columns ignored) of
    /// <paramref name="table"/>, and the label column when <paramref name="label"/> is given (no value may be missing).</summary>
    /// <exception cref="TabularInputException">A column is missing, a record is short, or a value does not parse.</exception>
    public static TabularDataView FromCsv(CsvTable table, IReadOnlyList<InputColumn> columns, InputColumn? label = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var all = label is null ? columns : [.. columns, label];
        var indices = all.Select(c => table.IndexOf(c.Name) is var i and >= 0 ? i
            : throw new TabularInputException(table.Path, null, c.Name,
                $"no such column{(c == label ? " (the label)" : "")}; the header has {string.Join(", ", table.Header)}")).ToArray();
        var builders = all.Select(c => new ColumnValues(c, table.Records.Count, required: c == label)).ToArray();
        foreach (var record in table.Records)
        {
            if (record.Fields.Length != table.Header.Count)
                throw new TabularInputException(table.Path, $"line {record.Line}", null,
                    $"{record.Fields.Length} fields, but the header has {table.Header.Count}");
            for (int c = 0; c < all.Count; c++)
                if (builders[c].Add(record.Fields[indices[c]]) is { } problem)
                    throw new TabularInputException(table.Path, $"line {record.Line}", all[c].Name, problem);
        }
        return new TabularDataView(all, [.. builders.Select(b => b.Values)], table.Records.Count);
    }

    /// <summary>Rows given as JSON objects keyed by the column names: numbers as JSON numbers, booleans as
    /// <c>true</c>/<c>false</c>, categories as strings; <c>null</c> is a missing number or category.</summary>
    /// <param name="source">What to name in errors (a request, a file).</param>
    /// <exception cref="TabularInputException">A row is not an object, a field is unknown, missing or of the wrong type.</exception>
    public static TabularDataView FromJson(IReadOnlyList<JsonElement> rows, IReadOnlyList<InputColumn> columns, string source = "request")
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var builders = columns.Select(c => new ColumnValues(c, rows.Count, required: false)).ToArray();
        for (int r = 0; r < rows.Count; r++)
        {
            var where = rows.Count == 1 ? null : $"row {r + 1}";
            var row = rows[r];
            if (row.ValueKind != JsonValueKind.Object)
                throw new TabularInputException(source, where, null, $"a row must be a JSON object keyed by column name, found {row.ValueKind}");
            foreach (var field in row.EnumerateObject())
                if (!columns.Any(c => c.Name == field.Name))
                    throw new TabularInputException(source, where, field.Name, $"not a column of the model (expected {string.Join(", ", columns.Select(c => c.Name))})");
            for (int c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                if (!row.TryGetProperty(column.Name, out var value))
                    throw new TabularInputException(source, where, column.Name, $"missing (expected a {column.KindName}; null for a missing value)");
                var (text, typeProblem) = JsonText(column, value);
                if ((typeProblem ?? builders[c].Add(text)) is { } problem)
                    throw new TabularInputException(source, where, column.Name, problem);
            }
        }
        return new TabularDataView(columns, [.. builders.Select(b => b.Values)], rows.Count);
    }

    // A JSON value as the text a CSV cell would hold, or what is wrong with its JSON type.
    private static (string Text, string? Problem) JsonText(InputColumn column, JsonElement value) => (column.Kind, value.ValueKind) switch
    {
        (InputColumnKind.Number, JsonValueKind.Number) => (value.GetRawText(), null),
        (InputColumnKind.Number or InputColumnKind.Category, JsonValueKind.Null) => ("", null),
        (InputColumnKind.Boolean, JsonValueKind.True or JsonValueKind.False) => (value.GetRawText(), null),
        (InputColumnKind.Category, JsonValueKind.String) => (value.GetString()!, null),
        _ => ("", $"expected {Expected(column.Kind)}, found {value.GetRawText()}"),
    };

    private static string Expected(InputColumnKind kind) => kind switch
    {
        InputColumnKind.Number => "a number or null",
        InputColumnKind.Boolean => "true or false",
        _ => "a string or null",
    };
}
