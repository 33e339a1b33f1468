using Mnist.MLNet.Native;

namespace Mnist.Trainer;

/// <summary>The failures a command expects, each reported as one line and an exit code; anything else is a bug
/// and keeps its stack trace.</summary>
public static class CommandFailures
{
    /// <summary>Runs a command's work; an expected failure becomes one line and its exit code, anything else
    /// propagates with its stack trace.</summary>
    public static int Run(IAnsiConsole console, CancellationToken ct, Func<int> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (Expected(e, ct))
        {
            return Report(console, e);
        }
    }

    /// <summary>The asynchronous <see cref="Run"/>.</summary>
    public static async Task<int> RunAsync(IAnsiConsole console, CancellationToken ct, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (Expected(e, ct))
        {
            return Report(console, e);
        }
    }

    /// <summary>True for cancellation the user asked for, bad values found after parsing, and the library's
    /// refusals of files, data and training.</summary>
    public static bool Expected(Exception e, CancellationToken ct) => e switch
    {
        OperationCanceledException => ct.IsCancellationRequested,
        ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException or MnistDownloadException
            or TrainingDataException or TrainingDivergedException or CheckpointMismatchException or TorchUnavailableException => true,
        _ => false,
    };

    /// <summary>Writes one line for <paramref name="e"/> and returns the exit code.</summary>
    public static int Report(IAnsiConsole console, Exception e)
    {
        switch (e)
        {
            case OperationCanceledException:
                console.WriteLine("cancelled");
                return ExitCodes.Cancelled;
            case ArgumentException:
                console.WriteErrorLine(e.Message);
                return ExitCodes.BadArguments;
            case FileNotFoundException { FileName: var file } when IsDatasetFile(file):
                console.WriteErrorLine($"{e.Message} (run `mnist download` first)");
                return ExitCodes.Error;
            default:
                console.WriteErrorLine(e.Message);
                return ExitCodes.Error;
        }
    }

    private static bool IsDatasetFile(string? path) =>
        path is not null && (path.EndsWith("-ubyte", StringComparison.Ordinal) || path.EndsWith("-ubyte.gz", StringComparison.Ordinal));
}
