using System.Globalization;
using Mnist.TestSupport;

namespace Mnist.Benchmarks;

/// <summary>The mode word and its <c>--name value</c> options.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values;

    private BenchArgs(string? mode, Dictionary<string, string> values)
    {
        Mode = mode;
        _values = values;
    }

    public string? Mode { get; }

    public static BenchArgs Parse(IReadOnlyList<string> args)
    {
        string? mode = null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                string name = args[i][2..];
                values[name] = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
            else if (mode is null) mode = args[i];
            else throw new BenchArgsException($"Unexpected argument '{args[i]}'.");
        }
        return new BenchArgs(mode, values);
    }

    /// <summary>The MNIST directory: <c>--data</c>, else as the tests find it (MNIST_DATA, else the repository's
    /// <c>data/mnist</c>, downloaded there if missing).</summary>
    public string DataDirectory => String("data", null) ?? MnistDataLocator.Default;

    public string? String(string name, string? fallback) => _values.TryGetValue(name, out var v) ? v : fallback;

    public bool Flag(string name) => _values.TryGetValue(name, out var v) && v != "false";

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v)
        ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n
            : throw new BenchArgsException($"--{name} {v}: expected an integer.")
        : fallback;

    public double Double(string name, double fallback) => _values.TryGetValue(name, out var v)
        ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d
            : throw new BenchArgsException($"--{name} {v}: expected a number.")
        : fallback;

    /// <summary>A comma-separated list of integers (<c>--hidden 512,256</c>), or null when not given.</summary>
    public int[]? Ints(string name) => _values.TryGetValue(name, out var v)
        ? v.Split(',').Select(x => int.TryParse(x, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n
            : throw new BenchArgsException($"--{name} {v}: expected integers separated by commas.")).ToArray()
        : null;

    /// <summary>The options as command-line words again, for a child process.</summary>
    public IEnumerable<string> Forward(params string[] names) =>
        names.Where(_values.ContainsKey).SelectMany(n => new[] { "--" + n, _values[n] });
}

/// <summary>A command-line option is missing or malformed; the message names it.</summary>
public sealed class BenchArgsException(string message) : Exception(message);
