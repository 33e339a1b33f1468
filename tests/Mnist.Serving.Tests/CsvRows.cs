using System.Globalization;
using System.Text.Json.Nodes;
using Mnist.MLNet.Scoring.Tabular;

namespace Mnist.Serving.Tests;

/// <summary>Rows of a CSV file as the JSON objects a client sends for them, and <c>mnist predict</c>'s output file.</summary>
internal static class CsvRows
{
    /// <summary>The first <paramref name="count"/> records of <paramref name="csv"/> as JSON rows keyed by the card's
    /// input columns: numbers as JSON numbers, booleans as true/false, categories as strings, missing cells as null.</summary>
    public static IReadOnlyList<JsonObject> Json(string csv, ModelCard card, int count)
    {
        var table = CsvTable.Read(csv);
        return [.. table.Records.Take(count).Select(record =>
        {
            var row = new JsonObject();
            foreach (var column in card.InputColumns!)
            {
                var text = record.Fields[table.IndexOf(column.Name)];
                row[column.Name] = TabularValues.IsMissing(text) ? null : column.Kind switch
                {
                    InputColumnKind.Number => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
                    InputColumnKind.Boolean => JsonValue.Create(TabularValues.TryParseBoolean(text, out var b) && b),
                    _ => JsonValue.Create(text),
                };
            }
            return row;
        })];
    }

    /// <summary><c>mnist predict --out</c>'s file as one dictionary per row, by column name.</summary>
    public static IReadOnlyList<Dictionary<string, string>> Read(string path)
    {
        var table = CsvTable.Read(path);
        return [.. table.Records.Select(r => table.Header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => r.Fields[p.i]))];
    }

    public static float Float(string text) => float.Parse(text, CultureInfo.InvariantCulture);
}
