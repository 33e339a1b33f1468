using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Mnist.TestSupport;

/// <summary>Runs another program, or this one again, as a process of its own: for a truly cold start, for settings
/// that must be in place before libtorch loads (OpenMP reads OMP_WAIT_POLICY once), or to kill it mid-write.</summary>
/// <remarks>MNIST_MIRROR is removed from every child's environment: a test's mirror must not leak into a child.</remarks>
public static class ChildProcess
{
    /// <summary>What a finished child printed, line by line (stderr lines prefixed <c>stderr: </c>).</summary>
    public sealed record Result(int ExitCode, double WallSeconds, IReadOnlyList<string> Lines);

    /// <summary>Starts <c>dotnet <paramref name="dll"/></c> with its output redirected.</summary>
    public static Process Start(string dll, params string[] args)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is not built", dll);
        return StartProgram("dotnet", [dll, .. args]);
    }

    /// <summary>Starts <paramref name="file"/> (not a .NET dll) with its output redirected.</summary>
    public static Process StartProgram(string file, params string[] args) => Process.Start(Redirected(new ProcessStartInfo(file, args)))!;

    /// <summary>Waits for the process and returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> WaitAsync(Process process, TimeSpan timeout)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs this program again with <paramref name="args"/> and waits for it.</summary>
    public static Result RunSelf(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = Redirected(SelfStartInfo(args));
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

    /// <summary>Reads <c>KEY=value</c> from a child's line <c>RESULT KEY=value ...</c>; NaN when absent.</summary>
    public static double Value(Result result, string key)
    {
        foreach (var line in result.Lines.Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)))
            foreach (var pair in line.Split(' ').Skip(1))
                if (pair.StartsWith(key + "=", StringComparison.Ordinal))
                    return double.Parse(pair[(key.Length + 1)..], CultureInfo.InvariantCulture);
        return double.NaN;
    }

    /// <summary>Processes spinning on the CPU until disposed, to compete for cores.</summary>
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

    private static ProcessStartInfo Redirected(ProcessStartInfo start)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment.Remove("MNIST_MIRROR");
        return start;
    }

    private static ProcessStartInfo SelfStartInfo(IEnumerable<string> args)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host);
        // Started as `dotnet Program.dll`, the host needs the assembly again; the apphost does not.
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
