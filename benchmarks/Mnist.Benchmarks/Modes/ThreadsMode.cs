using Mnist.MLNet.Native;
using Mnist.TestSupport;

namespace Mnist.Benchmarks;

/// <summary>Epoch time by thread count and OpenMP wait policy, idle and beside a competing busy process.</summary>
/// <remarks>OpenMP reads OMP_WAIT_POLICY once when libtorch loads, so every variant is a fresh child process
/// (<see cref="ThreadsChildMode"/>) started with the variable set.</remarks>
public sealed class ThreadsMode : IBenchmarkMode
{
    public string Name => "threads";
    public string Summary => "epoch seconds for 1..N threads x OMP_WAIT_POLICY active/passive, idle and busy";

    private readonly Option<int> _rounds = SharedOptions.Rounds(1);
    private readonly Option<int> _busy = new("--busy") { Description = "Spinning processes beside the busy runs", HelpName = "N", DefaultValueFactory = _ => 1 };
    private readonly Option<CommaList<int>> _threadCounts = OptionParsers.Ints("--thread-counts", "Thread counts to try",
        Enumerable.Range(1, Environment.ProcessorCount).ToArray());
    private readonly Option<CommaList<string>> _policies = OptionParsers.Words("--policies", "OMP_WAIT_POLICY values to try", ["ACTIVE", "PASSIVE"]);

    public IEnumerable<Option> Options =>
        [_rounds, _busy, _threadCounts, _policies, ThreadsChildMode.Epochs, ThreadsChildMode.Rows, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        int rounds = args.GetValue(_rounds), busy = args.GetValue(_busy);
        var threadCounts = args.GetValue(_threadCounts)!.Values;
        var policies = args.GetValue(_policies)!.Values.Select(p => p.ToUpperInvariant()).ToArray();
        output.WriteLine($"threads: {Environment.ProcessorCount} cores, threads {string.Join(",", threadCounts)}, busy = {busy} spinning process(es), {rounds} round(s)");

        var results = new Dictionary<(int Threads, string Policy, bool Busy), List<double>>();
        var variants = (from t in threadCounts from p in policies select (t, p)).ToList();
        for (int round = 1; round <= rounds; round++)
        {
            // Idle and busy runs of one variant sit next to each other, so drifting background load hits both alike.
            foreach (var (threads, policy) in round % 2 == 1 ? variants : Enumerable.Reverse(variants))
                foreach (bool withBusy in round % 2 == 1 ? new[] { false, true } : [true, false])
                {
                    using var spinner = withBusy ? ChildProcess.Spinner(busy) : null;
                    var result = ChildProcess.RunSelf(
                        ["threads-child", "--threads", threads.ToString(), .. SharedOptions.Forward(args, SharedOptions.Data),
                         .. SharedOptions.Forward(args, ThreadsChildMode.Epochs, ThreadsChildMode.Rows)],
                        new Dictionary<string, string> { ["OMP_WAIT_POLICY"] = policy });
                    double seconds = ChildProcess.Value(result, "epoch_seconds");
                    if (result.ExitCode != 0 || double.IsNaN(seconds))
                    {
                        output.WriteLine($"child failed (exit {result.ExitCode}): {string.Join(Environment.NewLine, result.Lines.TakeLast(5))}");
                        return ExitCodes.Failed;
                    }
                    var key = (threads, policy, withBusy);
                    if (!results.TryGetValue(key, out var list)) results[key] = list = [];
                    list.Add(seconds);
                    output.WriteLine($"round {round}: {threads} thread(s) {policy,-7} {(withBusy ? "busy" : "idle")}: {seconds:F2} s/epoch (child wall {result.WallSeconds:F1} s)");
                    output.Flush();
                }
        }

        output.WriteLine();
        var table = new Table("threads", "OMP_WAIT_POLICY", "idle s/epoch", "busy s/epoch", "busy / idle", "busy / best idle");
        double bestIdle = results.Where(r => !r.Key.Busy).Min(r => Stats.Median(r.Value));
        foreach (var (threads, policy) in variants)
        {
            double idle = Stats.Median(results[(threads, policy, false)]), busySeconds = Stats.Median(results[(threads, policy, true)]);
            table.Add(threads, policy, idle, busySeconds, busySeconds / idle, busySeconds / bestIdle);
        }
        table.Write(output);
        output.WriteLine($"current TorchRuntime.DefaultThreads = {TorchRuntime.DefaultThreads}; goal: busy <= 1.5 x idle");
        return ExitCodes.Success;
    }
}
