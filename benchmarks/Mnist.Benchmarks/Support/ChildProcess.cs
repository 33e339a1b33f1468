using System.Diagnostics;
using System.Reflection;

namespace Mnist.Benchmarks;

/// <summary>Runs this benchmark again as a child process, for settings that must be in place before libtorch
/// loads (OpenMP reads OMP_WAIT_POLICY once) or for a truly cold start.</summary>
public static class ChildProcess
{
    public sealed record Result(int ExitCode, double WallSeconds, IReadOnlyList<string> Lines);

    public static Result Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = SelfStartInfo(args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var lines = new List<string>();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add("stderr: " + e.Data); };
        process.BeginErrorReadLine();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null) lock (lines) lines.Add(line);
        process.WaitForExit();
        return new Result(process.ExitCode, clock.Elapsed.TotalSeconds, lines);
    }

    /// <summary>Reads <c>KEY=value</c> from a child's line <c>RESULT KEY=value ...</c>.</summary>
    public static double Value(Result result, string key)
    {
        foreach (var line in result.Lines.Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)))
            foreach (var pair in line.Split(' ').Skip(1))
                if (pair.StartsWith(key + "=", StringComparison.Ordinal))
                    return double.Parse(pair[(key.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return double.NaN;
    }

    /// <summary>A process spinning on the CPU until disposed, to compete for cores.</summary>
    public static IDisposable Spinner(int count)
    {
        var spinners = Enumerable.Range(0, count)
            .Select(_ => Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]))!)
            .ToList();
        return new Disposer(() =>
        {
            foreach (var p in spinners)
            {
                if (!p.HasExited) p.Kill();
                p.WaitForExit();
                p.Dispose();
            }
        });
    }

    private static ProcessStartInfo SelfStartInfo(IEnumerable<string> args)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // Started as `dotnet Mnist.Benchmarks.dll`, the host needs the assembly again; the apphost does not.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    private sealed class Disposer(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
