namespace Mnist.Benchmarks;

/// <summary>One measurement the benchmark runs: the subcommand <c>Mnist.Benchmarks &lt;Name&gt; [options]</c>.</summary>
public interface IBenchmarkMode
{
    /// <summary>The subcommand's name.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    /// <summary>Helper modes the benchmark runs as child processes; left out of the usage text.</summary>
    bool Hidden => false;

    /// <summary>The options <see cref="Run"/> reads, the same instances every time (help lists them in this order).</summary>
    IEnumerable<Option> Options { get; }

    /// <summary>Runs the measurement, writes its table to <paramref name="output"/> and returns an exit code.</summary>
    int Run(ParseResult args, TextWriter output);
}
