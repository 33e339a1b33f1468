namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>A table (a CSV file or JSON rows) does not fit the model: a missing or unknown column, a value that does
/// not parse. The message names the source, the line (or row) and the column.</summary>
public sealed class TabularInputException : IOException
{
    public TabularInputException(string source, string? location, string? column, string problem)
        : base(Format(source, location, column, problem))
    {
        Source = source;
        Location = location;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (or request) that was refused.</summary>
    public new string Source { get; }

    /// <summary>Where in it: <c>line 7</c> of a file, <c>row 2</c> of a request; null for the whole table.</summary>
    public string? Location { get; }

    /// <summary>The column (or JSON field) at fault; null when the problem is not one column's.</summary>
    public string? Column { get; }

    /// <summary>What was wrong, without source, location or column.</summary>
    public string Problem { get; }

    // "file: line 7, column 'age': problem", leaving out what is not known.
    private static string Format(string source, string? location, string? column, string problem)
    {
        var where = string.Join(", ", new[] { location, column is null ? null : $"column '{column}'" }.OfType<string>());
        return where.Length == 0 ? $"{source}: {problem}" : $"{source}: {where}: {problem}";
    }
}
