namespace Mnist.Trainer;

/// <summary>Output helpers shared by the commands.</summary>
public static class ConsoleExtensions
{
    /// <summary>Writes <c>error: message</c> as one unwrapped line: Spectre would wrap it at the console width,
    /// and scripts (and users grepping logs) expect one line per error.</summary>
    public static void WriteErrorLine(this IAnsiConsole console, string message) =>
        console.Profile.Out.Writer.WriteLine($"error: {message}");
}
