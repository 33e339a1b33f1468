using System.CommandLine.Parsing;
using System.Globalization;

namespace Mnist.Benchmarks;

/// <summary>A comma-separated option's value (<c>--hidden 512,256</c>); help prints the default as it is typed,
/// where an array would print as <c>512|256</c>.</summary>
public sealed record CommaList<T>(T[] Values)
{
    public override string ToString() => string.Join(",", Values);
}

/// <summary>Parsers for values a plain <see cref="Option{T}"/> would accept but the benchmark would not. They run
/// only on a typed value, so a malformed one is a usage error, never an exception from a validator.</summary>
public static class OptionParsers
{
    /// <summary>An integer option whose value must be at least <paramref name="min"/>.</summary>
    public static Option<int> IntAtLeast(string name, int min, string description, int defaultValue, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => Int(r, name, min),
        };

    /// <summary>A comma-separated list of integers, each at least <paramref name="min"/>.</summary>
    public static Option<CommaList<int>> Ints(string name, string description, int[] defaultValue, int min = 1) => new(name)
    {
        Description = $"{description}, comma-separated",
        HelpName = "N,N",
        DefaultValueFactory = _ => new(defaultValue),
        CustomParser = r => IntList(r, name, min),
    };

    /// <summary>The comma-separated integers of <paramref name="r"/>, each at least <paramref name="min"/>; for an
    /// option with no default too.</summary>
    public static CommaList<int> IntList(ArgumentResult r, string name, int min = 1) =>
        new(r.Tokens.Single().Value.Split(',').Select(word => Int(r, name, min, word)).ToArray());

    public static Option<CommaList<string>> Words(string name, string description, string[] defaultValue) => new(name)
    {
        Description = $"{description}, comma-separated",
        HelpName = "A,B",
        DefaultValueFactory = _ => new(defaultValue),
        CustomParser = r => new(r.Tokens.Single().Value.Split(',')),
    };

    private static int Int(ArgumentResult r, string name, int min, string? word = null)
    {
        word ??= r.Tokens.Single().Value;
        if (int.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min) return n;
        r.AddError($"{name} {r.Tokens.Single().Value}: expected {(min == 0 ? "zero or a positive integer" : min == 1 ? "a positive integer" : $"an integer >= {min}")}");
        return 0;
    }
}
