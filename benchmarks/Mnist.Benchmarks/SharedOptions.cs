using System.Globalization;
using Mnist.TestSupport;

namespace Mnist.Benchmarks;

/// <summary>Options several modes read, each named and described once here. Where modes want different defaults,
/// each mode makes its own instance with its default.</summary>
public static class SharedOptions
{
    /// <summary>No default value: finding the default directory may download MNIST, which help must not do.</summary>
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "MNIST directory [default: MNIST_DATA, else the repository's data/mnist, downloaded there if missing]",
        HelpName = "DIR",
    };

    public static readonly Option<int> Threads = OptionParsers.IntAtLeast("--threads", 0, "libtorch threads; 0 picks the default for the measurement", 0);

    public static readonly Option<int> Seed = new("--seed") { Description = "Random seed", HelpName = "N", DefaultValueFactory = _ => 1 };

    public static readonly Option<bool> Small = new("--small")
    {
        Description = "Train on 1,500 x 64 synthetic rows, hidden [64], batch 16, instead of MNIST",
    };

    public static readonly Option<bool> Autograd = new("--autograd") { Description = "Train through autograd instead of the hand-written step (epoch: as one more variant)" };

    public static readonly Option<int> Folds = new("--folds") { Description = "Cross-validation folds", HelpName = "N", DefaultValueFactory = _ => 5 };

    /// <summary>The shipped tabular sets (wine, breast cancer, diabetes), copied next to the benchmark.</summary>
    public static readonly Option<string> TabularData = new("--tabular-data")
    {
        Description = "Directory of the shipped tabular sets", HelpName = "DIR",
        DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "Data"),
    };

    public static Option<int> Epochs(int defaultValue) => OptionParsers.IntAtLeast("--epochs", 1, "Epochs to train", defaultValue);

    public static Option<int> Rounds(int defaultValue) => OptionParsers.IntAtLeast("--rounds", 1, "Rounds to repeat the measurement", defaultValue);

    /// <summary><c>--batch-size</c>, also spelled <c>--batch</c>.</summary>
    public static Option<int> BatchSize(int defaultValue) => OptionParsers.IntAtLeast("--batch-size", 1, "Rows per batch", defaultValue, "--batch");

    public static Option<double> LearningRate(double defaultValue) =>
        new("--lr") { Description = "Learning rate", HelpName = "RATE", DefaultValueFactory = _ => defaultValue };

    public static Option<int> Rows(int defaultValue) =>
        OptionParsers.IntAtLeast("--rows", 0, "Train on the first N rows of the training split; 0 for all", defaultValue);

    public static Option<CommaList<int>> Hidden(int[] defaultValue) => OptionParsers.Ints("--hidden", "Hidden layer widths", defaultValue);

    /// <summary>The MNIST directory: <c>--data</c>, else as the tests find it (located, and fetched if need be, only now).</summary>
    public static string DataDirectory(ParseResult args) => args.GetValue(Data) ?? MnistDataLocator.Default;

    /// <summary>The options given on this command line, as words again for a child process; defaults stay the child's.</summary>
    public static IEnumerable<string> Forward<T>(ParseResult args, params Option<T>[] options) =>
        options.Where(o => args.GetResult(o) is { Implicit: false })
            .SelectMany(o => new[] { o.Name, Format(args.GetValue(o)) });

    private static string Format<T>(T value) => value switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
