using Mnist.Benchmarks;

var parsed = BenchCommand.Create(Console.Out).Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
    // Hidden helper modes have no help of their own to point at.
    var command = parsed.CommandResult.Command;
    Console.Error.WriteLine($"see Mnist.Benchmarks {(command is RootCommand || command.Hidden ? "" : command.Name + " ")}--help");
    return ExitCodes.Usage;
}
return parsed.Invoke();
