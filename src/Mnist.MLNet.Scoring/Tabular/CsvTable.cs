using Microsoft.VisualBasic.FileIO;

namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>A CSV file as text: its header and its records, each with the line it starts on. Quoted fields may hold
/// the separator, quotes and line breaks; the separator (comma, semicolon or tab) is the one the header uses most.</summary>
public sealed class CsvTable
{
    private static readonly char[] Separators = [',', ';', '\t'];

    private CsvTable(string path, IReadOnlyList<string> header, IReadOnlyList<CsvRecord> records)
    {
        Path = path;
        Header = header;
        Records = records;
    }

    /// <summary>The file, as a full path.</summary>
    public string Path { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data records, in file order (blank lines skipped).</summary>
    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>Index of <paramref name="column"/> in the header, or -1.</summary>
    public int IndexOf(string column) => Header.ToList().IndexOf(column);

    /// <summary>Reads the whole file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="TabularInputException">No header, a duplicate or empty column name, a malformed quoted field.</exception>
    public static CsvTable Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: no such file", full);
        var firstLine = File.ReadLines(full).FirstOrDefault(l => l.Trim().Length > 0)
            ?? throw new TabularInputException(full, null, null, "the file is empty (expected a header line of column names)");
        var separator = Separators.MaxBy(s => firstLine.Count(c => c == s));

        using var parser = new TextFieldParser(full)
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = true,
        };
        parser.SetDelimiters(separator.ToString());
        var header = ReadRecord(parser, full).Fields;
        CheckHeader(full, header);
        var records = new List<CsvRecord>();
        while (!parser.EndOfData) records.Add(ReadRecord(parser, full));
        return new CsvTable(full, header, records);
    }

    private static CsvRecord ReadRecord(TextFieldParser parser, string path)
    {
        // TextFieldParser's line number is that of the next line it reads: the record's first line, unless blank
        // lines come before it.
        long line = parser.LineNumber;
        try
        {
            return new CsvRecord(parser.ReadFields() ?? [], line);
        }
        catch (MalformedLineException e)
        {
            throw new TabularInputException(path, $"line {e.LineNumber}", null, "a quoted field is not closed, or text follows its closing quote");
        }
    }

    private static void CheckHeader(string path, string[] header)
    {
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
                throw new TabularInputException(path, "line 1", null, $"field {i + 1} of the header is empty (every column needs a name)");
            if (Array.IndexOf(header, header[i]) != i)
                throw new TabularInputException(path, "line 1", header[i], "the header names this column twice");
        }
    }
}

/// <summary>One record of a <see cref="CsvTable"/>.</summary>
/// <param name="Fields">The values, trimmed, quotes removed.</param>
/// <param name="Line">The line of the file it starts on (the header is line 1).</param>
public sealed record CsvRecord(string[] Fields, long Line);
