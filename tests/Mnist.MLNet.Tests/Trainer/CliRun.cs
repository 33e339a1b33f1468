using Mnist.Trainer;

namespace Mnist.MLNet.Tests.Trainer;

/// <summary>One run of the mnist command line inside the test process, with what it printed.</summary>
public sealed class CliRun
{
    private readonly CapturedConsole _console;

    private CliRun(int exit, CapturedConsole console) => (Exit, _console) = (exit, console);

    /// <summary>The exit code the command returned.</summary>
    public int Exit { get; }

    public string Output => _console.Output;

    public string[] Lines => _console.Lines;

    /// <summary>Runs <c>mnist</c> with <paramref name="args"/> on a captured console.</summary>
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var console = new CapturedConsole();
        int exit = await Program.RunAsync(args, console.Console);
        return new CliRun(exit, console);
    }

    /// <summary>Asserts the run ended with <paramref name="exit"/> after printing exactly one line (a command's
    /// error line), and returns that line.</summary>
    public string SingleLine(int exit)
    {
        Assert.True(Exit == exit, $"exit {Exit}, expected {exit}; output:\n{Output}");
        return Assert.Single(Lines);
    }
}
