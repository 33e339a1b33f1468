namespace Mnist.Benchmarks;

/// <summary>One measurement the benchmark runs: <c>Mnist.Benchmarks &lt;Name&gt; [options]</c>.</summary>
public interface IBenchmarkMode
{
    /// <summary>The word on the command line.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    /// <summary>Helper modes the benchmark runs as child processes; left out of the usage text.</summary>
    bool Hidden => false;

    /// <summary>Runs the measurement, writes its table to <paramref name="output"/> and returns an exit code.</summary>
    int Run(BenchArgs args, TextWriter output);
}
