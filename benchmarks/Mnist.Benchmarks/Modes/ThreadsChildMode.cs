using Mnist.MLNet.Native;
using Mnist.MLNet.Training;

namespace Mnist.Benchmarks;

/// <summary>One variant of <see cref="ThreadsMode"/>: trains and prints <c>RESULT epoch_seconds=...</c>.</summary>
public sealed class ThreadsChildMode : IBenchmarkMode
{
    public string Name => "threads-child";
    public string Summary => "(internal) one threads variant";
    public bool Hidden => true;

    public int Run(BenchArgs args, TextWriter output)
    {
        int threads = args.Int("threads", TorchRuntime.DefaultThreads), epochs = args.Int("epochs", 2);
        var model = MlpTraining.Fit(args.DataDirectory, new MlpTrainer.Options { MaxEpoch = epochs, Seed = 1, NumberOfThreads = threads },
            rows: args.Int("rows", 0));
        // The first epoch also pays for warming libtorch (thread pool, allocator); later ones are the steady state.
        var steady = model.History.Count > 1 ? model.History.Skip(1) : model.History;
        output.WriteLine($"notes: {string.Join("; ", TorchRuntime.Notes)}");
        output.WriteLine(FormattableString.Invariant($"RESULT epoch_seconds={steady.Average(h => h.Seconds):F4} first={model.History[0].Seconds:F4}"));
        return ExitCodes.Success;
    }
}
