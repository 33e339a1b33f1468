using System.Text.Json;
using Mnist.MLNet.Scoring.Tabular;

namespace Mnist.Serving.Http;

/// <summary>Reads the JSON bodies of a model of a table: one row as an object keyed by the card's input columns
/// (<c>{"age": 31, "city": "Oslo"}</c>), or <c>{"rows": [{...}, ...]}</c>; every value checked by
/// <see cref="TabularRows.FromJson"/>, the rule <c>mnist predict</c> applies to CSV cells.</summary>
/// <remarks>As for pixels, the body is read token by token first: a duplicate key is refused rather than one of them
/// silently winning, a field holding an object or array is refused by name, and a batch past its row count stops the
/// parse where it is crossed.</remarks>
internal static class TableJson
{
    /// <summary>The one row of an object body.</summary>
    public static TabularDataView ReadSingle(ReadOnlySpan<byte> body, IReadOnlyList<InputColumn> columns)
    {
        try
        {
            var reader = JsonTokens.Open(body, columns.Count > 0 ? columns[0].Name : "a column");
            var row = Row(ref reader, null);
            JsonTokens.Close(ref reader);
            return Rows([row], columns);
        }
        catch (JsonException e)
        {
            throw JsonTokens.Malformed(e);
        }
    }

    /// <summary>The rows of a <c>{"rows": [...]}</c> body; 413 as soon as the row past <paramref name="maxRows"/> begins.</summary>
    public static TabularDataView ReadBatch(ReadOnlySpan<byte> body, IReadOnlyList<InputColumn> columns, int maxRows)
    {
        try
        {
            var reader = JsonTokens.Open(body, "rows");
            List<JsonElement>? rows = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (JsonTokens.NextProperty(ref reader, seen) is { } name)
            {
                if (name != "rows") throw new BadInputException($"unknown key '{name}', expected only 'rows': an array of row objects");
                rows = RowArray(ref reader, maxRows);
            }
            JsonTokens.Close(ref reader);
            return Rows(rows ?? throw new BadInputException("body has no 'rows'"), columns);
        }
        catch (JsonException e)
        {
            throw JsonTokens.Malformed(e);
        }
    }

    private static List<JsonElement> RowArray(ref Utf8JsonReader reader, int maxRows)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new BadInputException($"'rows' is {JsonTokens.Kind(ref reader)}, expected an array of row objects");
        var rows = new List<JsonElement>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (rows.Count == maxRows)
                throw new BadInputException($"'rows' holds more than {maxRows} rows, at most {maxRows} are accepted per request",
                    StatusCodes.Status413PayloadTooLarge);
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new BadInputException($"row {rows.Count + 1} is {JsonTokens.Kind(ref reader)}, expected an object keyed by column name");
            rows.Add(Row(ref reader, $"row {rows.Count + 1}"));
        }
        if (rows.Count == 0) throw new BadInputException("'rows' is empty, expected 1 or more rows");
        return rows;
    }

    // The object the reader is on, checked key by key, then parsed from its start; the reader ends on its end.
    private static JsonElement Row(ref Utf8JsonReader reader, string? where)
    {
        var start = reader;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (JsonTokens.NextProperty(ref reader, seen, where) is { } name)
        {
            var field = $"{(where is null ? "" : where + ", ")}field '{name}'";
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                throw new BadInputException($"{field} is {JsonTokens.Kind(ref reader)}, expected a number, a string, true, false or null");
            if (reader.TokenType == JsonTokenType.String && !reader.ValueSpan.IsEmpty)
            {
                try
                {
                    reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    // Valid JSON syntax but no text (a lone surrogate, \ud800): the row reader would fail on it later.
                    throw new BadInputException($"{field} holds an escape that is no character");
                }
            }
        }
        return JsonElement.ParseValue(ref start);
    }

    private static TabularDataView Rows(IReadOnlyList<JsonElement> rows, IReadOnlyList<InputColumn> columns)
    {
        try
        {
            return TabularRows.FromJson(rows, columns);
        }
        catch (TabularInputException e)
        {
            throw new BadInputException(e.Message);
        }
    }
}
