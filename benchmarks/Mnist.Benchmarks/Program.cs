using System.Reflection;
using Mnist.Benchmarks;

// Modes are discovered, so adding a measurement is one new file under Modes/ implementing IBenchmarkMode.
var modes = typeof(IBenchmarkMode).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkMode).IsAssignableFrom(t))
    .Select(t => (IBenchmarkMode)Activator.CreateInstance(t)!)
    .OrderBy(m => m.Name, StringComparer.Ordinal)
    .ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);

var parsed = BenchArgs.Parse(args);
if (parsed.Mode is null || !modes.TryGetValue(parsed.Mode, out var mode))
{
    var output = Console.Error;
    if (parsed.Mode is not null) output.WriteLine($"Unknown mode '{parsed.Mode}'.");
    output.WriteLine("usage: Mnist.Benchmarks <mode> [--data DIR] [--epochs N] [--threads N] [--rounds N] ...");
    foreach (var m in modes.Values.Where(m => !m.Hidden))
        output.WriteLine($"  {m.Name,-10} {m.Summary}");
    return ExitCodes.Usage;
}
try
{
    return mode.Run(parsed, Console.Out);
}
catch (BenchArgsException e)
{
    Console.Error.WriteLine(e.Message);
    return ExitCodes.Usage;
}
