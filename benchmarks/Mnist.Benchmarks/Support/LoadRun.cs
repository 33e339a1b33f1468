namespace Mnist.Benchmarks;

/// <summary>Runs <c>clients</c> concurrent loops of <c>requestsPerClient</c> calls each and records every call's
/// latency and failure; <see cref="Completed"/> lets a watcher act partway through.</summary>
public sealed class LoadRun(int clients, int requestsPerClient)
{
    private long _completed;
    private long _failed;
    private readonly List<string> _failures = [];

    /// <summary>Calls finished so far, failed or not.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public int Total => clients * requestsPerClient;

    /// <summary>The first few failures, for the report.</summary>
    public IReadOnlyList<string> FirstFailures { get { lock (_failures) return [.. _failures]; } }

    /// <summary>Runs <paramref name="call"/>(client, i) for every request; returns each call's latency in
    /// microseconds and the wall time of the whole run.</summary>
    /// <remarks><paramref name="call"/> returns null on success, else why it failed.</remarks>
    public async Task<(double[] LatencyUs, TimeSpan Wall)> RunAsync(Func<int, int, Task<string?>> call)
    {
        var latencies = new double[clients][];
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var us = latencies[client] = new double[requestsPerClient];
            for (int i = 0; i < requestsPerClient; i++)
            {
                long start = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await call(client, i);
                }
                catch (Exception e)
                {
                    failure = e.GetType().Name + ": " + e.Message;
                }
                us[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                if (failure is not null)
                {
                    Interlocked.Increment(ref _failed);
                    lock (_failures) if (_failures.Count < 5) _failures.Add(failure);
                }
                Interlocked.Increment(ref _completed);
            }
        })).ToArray();
        await Task.WhenAll(loops);
        return (latencies.SelectMany(l => l).ToArray(), clock.Elapsed);
    }

    /// <summary>The <paramref name="p"/> quantile (0-1) of <paramref name="values"/>.</summary>
    public static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }
}
