namespace Mnist.Trainer;

/// <summary>Builds the options commands declare, so that every command's help names a path and a switch alike.</summary>
public static class OptionFactory
{
    /// <summary><c>NAME FILE</c>: an optional path to a file.</summary>
    public static Option<string?> File(string name, string description) => Path(name, "FILE", description);

    /// <summary><c>NAME DIR</c>: an optional path to a directory.</summary>
    public static Option<string?> Directory(string name, string description) => Path(name, "DIR", description);

    /// <summary><c>NAME</c> alone: a flag that is on when given.</summary>
    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    private static Option<string?> Path(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName };
}
