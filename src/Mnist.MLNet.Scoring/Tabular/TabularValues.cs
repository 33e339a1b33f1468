using System.Globalization;

namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>How the text of one cell reads: the same rules when columns are inferred, when a file is checked before
/// loading and when a JSON row is written out, so every path gives the model the same values.</summary>
public static class TabularValues
{
    // The spellings of "no value" that spreadsheets, R and pandas write.
    private static readonly string[] MissingMarkers = ["", "?", "NA", "N/A", "NaN", "null"];

    /// <summary>True when <paramref name="text"/> stands for a missing value.</summary>
    public static bool IsMissing(string text) => MissingMarkers.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads a finite number in invariant spelling (<c>3</c>, <c>-0.5</c>, <c>1e-3</c>).</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Reads <c>true</c> or <c>false</c> in any case, or <c>1</c> or <c>0</c> (a 0/1 label read as binary).</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed == "1") { value = true; return true; }
        if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase) || trimmed == "0") { value = false; return true; }
        value = false;
        return false;
    }

}
