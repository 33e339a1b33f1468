namespace Mnist.Benchmarks;

/// <summary>The command line: one subcommand per <see cref="IBenchmarkMode"/>, with the options the mode declares.</summary>
public static class BenchCommand
{
    /// <summary>Modes are discovered, so adding a measurement is one new file under Modes/ implementing IBenchmarkMode.</summary>
    public static IEnumerable<IBenchmarkMode> Modes() => typeof(IBenchmarkMode).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkMode).IsAssignableFrom(t))
        .Select(t => (IBenchmarkMode)Activator.CreateInstance(t)!)
        .OrderBy(m => m.Name, StringComparer.Ordinal);

    public static RootCommand Create(TextWriter output)
    {
        var root = new RootCommand("Measurements of the MNIST trainer: Mnist.Benchmarks <mode> [options]; <mode> --help lists a mode's options");
        foreach (var mode in Modes())
        {
            var command = new Command(mode.Name, mode.Summary) { Hidden = mode.Hidden };
            foreach (var option in mode.Options) command.Options.Add(option);
            command.SetAction(args => mode.Run(args, output));
            root.Subcommands.Add(command);
        }
        return root;
    }
}
