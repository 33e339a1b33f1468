using System.Globalization;
using Mnist.TestSupport;

namespace Mnist.Benchmarks;

/// <summary>Wall time from process start to a model with >= 98.0% test accuracy, for a few training settings,
/// each in a fresh child process (<see cref="ColdStartChildMode"/>).</summary>
public sealed class ColdStartMode : IBenchmarkMode
{
    private const double GoalAccuracy = 0.98, GoalSeconds = 60;

    // Name, then child options, most promising first; the tutorial's defaults last. the others trade steps for larger batches and a
    // decaying learning rate, which reaches the same accuracy in fewer, cheaper epochs.
    private static readonly (string Name, string[] Options)[] Settings =
    [
        ("b128 lr2e-3 1->0.1 x3", ["--epochs", "3", "--batch-size", "128", "--lr", "0.002", "--final", "0.1"]),
        ("b128 lr2e-3 1->0.1 x4", ["--epochs", "4", "--batch-size", "128", "--lr", "0.002", "--final", "0.1"]),
        ("b256 lr3e-3 1->0.05 x4", ["--epochs", "4", "--batch-size", "256", "--lr", "0.003", "--final", "0.05"]),
        ("defaults, 5 epochs", ["--epochs", "5"]),
    ];

    public string Name => "coldstart";
    public string Summary => "process start to >= 98.0% test accuracy for a few settings, each in a fresh process";

    private readonly Option<int> _only = OptionParsers.IntAtLeast("--only", 0, $"Run only setting N (1-{Settings.Length}); 0 runs them all", 0);

    public IEnumerable<Option> Options => [_only, SharedOptions.Threads, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        int only = args.GetValue(_only);
        if (only > Settings.Length)
        {
            Console.Error.WriteLine($"--only {only}: there are {Settings.Length} settings");
            return ExitCodes.Usage;
        }
        var chosen = only > 0 ? [Settings[only - 1]] : Settings;
        output.WriteLine($"coldstart: {chosen.Length} setting(s), each in a fresh process; goal >= {GoalAccuracy:P1} in <= {GoalSeconds} s");
        var table = new Table("setting", "test accuracy", "fit s", "in-process s", "process wall s", "goal met");
        foreach (var (name, options) in chosen)
        {
            var result = ChildProcess.RunSelf(["coldstart-child", .. options, .. SharedOptions.Forward(args, SharedOptions.Data), .. SharedOptions.Forward(args, SharedOptions.Threads)]);
            double accuracy = ChildProcess.Value(result, "accuracy");
            if (result.ExitCode != 0 || double.IsNaN(accuracy))
            {
                output.WriteLine($"{name}: child failed (exit {result.ExitCode}): {string.Join(Environment.NewLine, result.Lines.TakeLast(5))}");
                return ExitCodes.Failed;
            }
            bool met = accuracy >= GoalAccuracy && result.WallSeconds <= GoalSeconds;
            table.Add(name, accuracy.ToString("P2", CultureInfo.InvariantCulture), ChildProcess.Value(result, "fit_seconds"),
                ChildProcess.Value(result, "since_start"), result.WallSeconds, met ? "yes" : "no");
            output.WriteLine($"{name}: accuracy {accuracy:P2}, process wall {result.WallSeconds:F1} s");
            output.Flush();
        }
        output.WriteLine();
        table.Write(output);
        return ExitCodes.Success;
    }
}
