using Spectre.Console;

namespace Mnist.MLNet.Tests.Trainer;

/// <summary>A Spectre console writing plain text (no colour, not interactive) to a string, for asserting on command output.</summary>
public sealed class CapturedConsole
{
    private readonly StringWriter _writer = new();

    public CapturedConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = 80;   // narrow, so a wrapped error line would show
    }

    public IAnsiConsole Console { get; }

    public string Output => _writer.ToString();

    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
