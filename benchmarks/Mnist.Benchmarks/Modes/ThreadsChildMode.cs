using Mnist.MLNet.Native;

namespace Mnist.Benchmarks;

/// <summary>One variant of <see cref="ThreadsMode"/>: trains and prints <c>RESULT epoch_seconds=...</c>.</summary>
public sealed class ThreadsChildMode : IBenchmarkMode
{
    public string Name => "threads-child";
    public string Summary => "(internal) one threads variant";
    public bool Hidden => true;

    // ThreadsMode declares these too and forwards what it was given.
    public static readonly Option<int> Epochs = SharedOptions.Epochs(2), Rows = SharedOptions.Rows(0);

    public IEnumerable<Option> Options => [SharedOptions.Threads, Epochs, Rows, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        int threads = args.GetValue(SharedOptions.Threads) is > 0 and var n ? n : TorchRuntime.DefaultThreads;
        var model = MlpTraining.Fit(SharedOptions.DataDirectory(args),
            new MlpTrainer.Options { MaxEpoch = args.GetValue(Epochs), Seed = 1, NumberOfThreads = threads }, rows: args.GetValue(Rows));
        // The first epoch also pays for warming libtorch (thread pool, allocator); later ones are the steady state.
        var steady = model.History.Count > 1 ? model.History.Skip(1) : model.History;
        output.WriteLine($"notes: {string.Join("; ", TorchRuntime.Notes)}");
        output.WriteLine(FormattableString.Invariant($"RESULT epoch_seconds={steady.Average(h => h.Seconds):F4} first={model.History[0].Seconds:F4}"));
        return ExitCodes.Success;
    }
}
