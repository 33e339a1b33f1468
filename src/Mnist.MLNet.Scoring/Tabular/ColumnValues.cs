namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>The values of one column, parsed from text as they arrive, in the array type
/// <see cref="TabularDataView"/> serves.</summary>
/// <param name="required">Refuse missing values (a label).</param>
internal sealed class ColumnValues(InputColumn column, int capacity, bool required)
{
    private readonly float[]? _numbers = column.Kind == InputColumnKind.Number ? new float[capacity] : null;
    private readonly bool[]? _booleans = column.Kind == InputColumnKind.Boolean ? new bool[capacity] : null;
    private readonly ReadOnlyMemory<char>[]? _texts = column.Kind == InputColumnKind.Category ? new ReadOnlyMemory<char>[capacity] : null;
    private int _count;

    /// <summary>The array filled so far.</summary>
    public Array Values => (Array?)_numbers ?? (Array?)_booleans ?? _texts!;

    /// <summary>Parses and appends one cell; returns what is wrong with it instead, or null.</summary>
    public string? Add(string text)
    {
        text = text.Trim();
        bool missing = TabularValues.IsMissing(text);
        if (missing && (required || column.Kind == InputColumnKind.Boolean))
            return $"the value is missing (expected {(column.Kind == InputColumnKind.Boolean ? "true or false" : "a value")})";
        switch (column.Kind)
        {
            case InputColumnKind.Number:
                if (missing) _numbers![_count] = float.NaN;
                else if (TabularValues.TryParseNumber(text, out var number) && float.IsFinite((float)number)) _numbers![_count] = (float)number;
                else return $"'{text}' is not a number";
                break;
            case InputColumnKind.Boolean:
                if (!TabularValues.TryParseBoolean(text, out _booleans![_count])) return $"'{text}' is not true or false";
                break;
            default:
                // Empty text is ML.NET's missing value: the one-hot encoding gives it all zeros.
                _texts![_count] = missing ? ReadOnlyMemory<char>.Empty : text.AsMemory();
                break;
        }
        _count++;
        return null;
    }
}
