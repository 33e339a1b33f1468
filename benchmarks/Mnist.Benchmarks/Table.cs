namespace Mnist.Benchmarks;

/// <summary>A plain text table: a header row, then rows, columns padded to their widest cell.</summary>
public sealed class Table(params string[] header)
{
    private readonly List<string[]> _rows = [];

    public Table Add(params object[] cells)
    {
        _rows.Add(cells.Select(c => c switch
        {
            double d => d.ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
            float f => f.ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
            _ => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        }).ToArray());
        return this;
    }

    public void Write(TextWriter output)
    {
        var all = _rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        string Line(string[] r) => string.Join("  ", r.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in _rows) output.WriteLine(Line(r));
    }
}

/// <summary>Summary statistics of a few timings.</summary>
public static class Stats
{
    public static double Mean(IReadOnlyCollection<double> xs) => xs.Count == 0 ? double.NaN : xs.Average();

    public static double Median(IReadOnlyCollection<double> xs)
    {
        if (xs.Count == 0) return double.NaN;
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
