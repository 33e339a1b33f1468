using System.Text;
using System.Text.Json;

namespace Mnist.Serving.Http;

/// <summary>The pieces of the API's token-by-token JSON reading: the root object, its keys (duplicates refused),
/// nothing after it, and tokens described for error messages.</summary>
internal static class JsonTokens
{
    /// <summary>A reader positioned on the root object's start; 400 when the body is not an object.</summary>
    public static Utf8JsonReader Open(ReadOnlySpan<byte> body, string expected)
    {
        // JSON text must not begin with a byte-order mark, but editors and some clients write one; it says UTF-8.
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read()) throw new BadInputException("body holds no JSON value");
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new BadInputException($"body is {Kind(ref reader)}, expected an object with '{expected}'");
        return reader;
    }

    /// <summary>The next property's name, with the reader on its value; null at the end of the object. A key seen before
    /// is refused, naming <paramref name="where"/> (a row) when given.</summary>
    public static string? NextProperty(ref Utf8JsonReader reader, HashSet<string> seen, string? where = null)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject) return null;
        string name;
        try
        {
            name = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escape that is not a character, such as a lone surrogate (\ud800): valid JSON syntax, no valid text.
            throw new BadInputException($"malformed JSON: a key holds an escape that is no character ({Quoted(ref reader)})");
        }
        if (!seen.Add(name)) throw new BadInputException($"duplicate key '{name}'{(where is null ? "" : $" in {where}")}");
        reader.Read();
        return name;
    }

    /// <summary>Refuses anything after the root object.</summary>
    public static void Close(ref Utf8JsonReader reader)
    {
        if (reader.Read()) throw new BadInputException("malformed JSON: more after the object");
    }

    public static BadInputException Malformed(JsonException e) => new($"malformed JSON: {e.Message.Split('\n')[0]}");

    public static string Kind(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => $"the string {Quoted(ref reader)}",
        JsonTokenType.Null => "null",
        _ => Encoding.UTF8.GetString(reader.ValueSpan),
    };

    // The token as written (escapes left as they are), cut short: a refusal need not echo a long string back.
    public static string Quoted(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        return $"\"{Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, 40)])}{(raw.Length > 40 ? "..." : "")}\"";
    }
}
