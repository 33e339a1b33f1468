using System.CommandLine.Parsing;
using System.Numerics;
using Mnist.MLNet.Network.Layers;

namespace Mnist.Trainer.Commands;

/// <summary>How flag values are read from and written back to a command line: invariant numbers, closed lists of
/// names, comma-separated widths, shell quoting.</summary>
internal static class FlagValues
{
    /// <summary>A number as the command line takes it, whatever the current culture.</summary>
    public static string Invariant<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>The spelling <paramref name="names"/> gives <paramref name="value"/>.</summary>
    public static string Name<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct =>
        names.Single(p => EqualityComparer<T>.Default.Equals(p.Value, value)).Key;

    // Only the listed names; Enum parsing would also take numbers and "Adam, Sgd".
    public static T ParseName<T>(ArgumentResult result, string name, IReadOnlyDictionary<string, T> names) where T : struct
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (names.TryGetValue(token.ToLowerInvariant(), out var value)) return value;
        result.AddError($"{name} '{token}' is not one of {string.Join(", ", names.Keys)}");
        return default;
    }

    public static int[] ParseWidths(ArgumentResult result, string name)
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        var widths = new List<int>();
        foreach (var part in token.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var width) || width <= 0)
            {
                result.AddError($"{name} '{token}' is not a list of positive widths (expected e.g. 512,256; '{part}' is not a positive integer)");
                return [];
            }
            widths.Add(width);
        }
        return [.. widths];
    }

    /// <summary>A layer stack in <see cref="LayerSpelling"/>; a bad token is a usage error naming the flag and the token.</summary>
    public static LayerStack? ParseLayers(ArgumentResult result, string name)
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        try
        {
            return LayerStack.Parse(token);
        }
        catch (LayerSpellingException e)
        {
            result.AddError($"{name}: {e.Message}");
            return null;
        }
    }

    /// <summary>A number in invariant spelling, range-checked as it is parsed, so each bad value gets one usage
    /// error naming the flag: <c>--epochs 'x' is not an integer</c>, <c>--lr must be positive (got -1)</c>.</summary>
    public static T ParseNumber<T>(ArgumentResult result, string name, Func<T, bool> valid, string rule) where T : INumber<T>
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (!T.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} '{token}' is not {(T.Zero is float or double ? "a number" : "an integer")}");
            return T.Zero;
        }
        if (!valid(value)) result.AddError($"{name} must be {rule} (got {Invariant(value)})");
        return value;
    }

    public static bool Positive<T>(T value) where T : INumber<T> => value > T.Zero && (value is not double d || double.IsFinite(d));
    public static bool NotNegative<T>(T value) where T : INumber<T> => value >= T.Zero && (value is not double d || double.IsFinite(d));

    /// <summary>A path as the resume line spells it: absolute, so it works from any directory (never called with null).</summary>
    public static string FullPath(string? path) => Path.GetFullPath(path!);

    /// <summary>Quotes <paramref name="arg"/> for a POSIX shell when it needs it.</summary>
    public static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./,:=+@%".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''") + "'";
}
