using Mnist.Trainer.Commands;

namespace Mnist.Trainer;

/// <summary>The <c>mnist</c> command line: assembles the commands and runs one.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, AnsiConsole.Console);

    // Ctrl+C cancels the token; train then finishes its batch and writes a checkpoint, which takes longer than
    // System.CommandLine's 2 s default before it gives up on the action.
    private static readonly InvocationConfiguration Invocation = new() { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };

    /// <summary>Every command of <c>mnist</c>; add new ones here.</summary>
    public static RootCommand CreateRootCommand(IAnsiConsole console) =>
        new("Train and inspect an MLP on MNIST with TorchSharp and ML.NET")
        {
            DownloadCommand.Create(console),
            InfoCommand.Create(console),
            TrainCommand.Create(console),
            EvaluateCommand.Create(console),
            PredictCommand.Create(console),
            ExportCommand.Create(console),
            PlotCommand.Create(console),
            ServeCommand.Create(console),
        };

    /// <summary>Parses <paramref name="args"/> and runs the command; bad arguments give one line and <see cref="ExitCodes.BadArguments"/>.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken ct = default)
    {
        var result = CreateRootCommand(console).Parse(args);
        if (result.Errors.Count > 0)
        {
            console.WriteErrorLine($"{result.Errors[0].Message} (see mnist --help)");
            return ExitCodes.BadArguments;
        }
        return await result.InvokeAsync(Invocation, ct);
    }
}
