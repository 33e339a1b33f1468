namespace Mnist.Trainer;

/// <summary>How this process was started, as the words a user types before <c>train ...</c>: <c>mnist</c> for the
/// installed tool, <c>dotnet run ... --</c> from a source checkout, <c>dotnet path/mnist.dll</c> for a built dll.
/// Lines the CLI prints for the user to run again (the resume line) start with it, so they work as printed.</summary>
public sealed record Invocation(IReadOnlyList<string> Prefix)
{
    // The .NET SDK writes this file beside the entry assembly of every tool package; nothing else ships it.
    private const string ToolSettingsFile = "DotnetToolSettings.xml";
    private const string ProjectFile = "Mnist.Trainer.csproj";

    /// <summary>This process's invocation.</summary>
    public static Invocation Current { get; } = Detect(Environment.ProcessPath, typeof(Program).Assembly.Location,
        Environment.GetEnvironmentVariable("PATH"));

    /// <summary>Works out the invocation from the host executable, the entry assembly and the search path.</summary>
    /// <param name="processPath">The executable the OS started: the <c>dotnet</c> muxer or the <c>mnist</c> apphost.</param>
    /// <param name="assemblyPath">Where <c>mnist.dll</c> was loaded from.</param>
    /// <param name="searchPath">The <c>PATH</c> variable.</param>
    public static Invocation Detect(string? processPath, string assemblyPath, string? searchPath)
    {
        var assemblyDirectory = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        bool isTool = File.Exists(Path.Combine(assemblyDirectory, ToolSettingsFile));
        bool viaMuxer = processPath is null || Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        if (viaMuxer)
            // A tool the muxer runs is a local tool (from a manifest); otherwise the dll was named on the command line.
            return new(isTool ? ["dotnet", "tool", "run", "mnist"] : ["dotnet", Path.GetFullPath(assemblyPath)]);
        if (isTool)
            return new([OnSearchPath(processPath!, searchPath) ? Path.GetFileNameWithoutExtension(processPath!) : processPath!]);
        // dotnet run starts the apphost in the project's bin/<configuration>/<framework>/; so does running it by hand,
        // and dotnet run works for both.
        var framework = new DirectoryInfo(assemblyDirectory);
        var configuration = framework.Parent;
        var project = configuration?.Parent?.Parent;
        if (project is not null && configuration!.Parent!.Name == "bin" && File.Exists(Path.Combine(project.FullName, ProjectFile)))
            return new(["dotnet", "run", "-c", configuration.Name, "--project", project.FullName, "--"]);
        return new([processPath!]);
    }

    private static bool OnSearchPath(string executable, string? searchPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(executable));
        return (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(d => string.Equals(Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar), directory, StringComparison.Ordinal));
    }
}
