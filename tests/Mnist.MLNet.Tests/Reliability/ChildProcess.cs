using System.Diagnostics;

namespace Mnist.MLNet.Tests.Reliability;

/// <summary>Starts the built <c>mnist</c> tool or another .NET program from the test output as a process of its own.</summary>
internal static class ChildProcess
{
    public static string MnistTool => Path.Combine(AppContext.BaseDirectory, "mnist.dll");

    /// <summary>The serving app built beside the tests, referencing the scoring assembly only.</summary>
    public static string ScoringApp =>
        Path.Combine(AppContext.BaseDirectory.Replace("Mnist.MLNet.Tests", "Mnist.ScoringApp"), "Mnist.ScoringApp.dll");

    public static Process Start(string dll, params string[] args)
    {
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("MNIST_MIRROR");
        return Process.Start(start)!;
    }

    /// <summary>Starts <paramref name="file"/> (not a .NET dll) with its output redirected.</summary>
    public static Process Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("MNIST_MIRROR");
        return Process.Start(start)!;
    }

    /// <summary>Waits for the process and returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> WaitAsync(Process process, TimeSpan timeout)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
