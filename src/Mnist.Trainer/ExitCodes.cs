namespace Mnist.Trainer;

/// <summary>What <c>mnist</c> returns to the shell.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran and failed (a download, a malformed file); one line says why.</summary>
    public const int Error = 1;
    /// <summary>The command line could not be parsed.</summary>
    public const int BadArguments = 2;
    /// <summary>Interrupted (Ctrl+C): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
