using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Mnist.MLNet.Tests;

/// <summary>Runs a check script of tests/python with Debian's python3, where the modules it imports are installed
/// (CI installs them, and there a check must run rather than be skipped).</summary>
internal static class PythonCheck
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Whether /usr/bin/python3 imports <paramref name="modules"/> (comma-separated); outside CI a missing
    /// module means the check is not run.</summary>
    public static bool CanImport(string modules)
    {
        if (File.Exists(Python) && Run(Python, $"-c \"import {modules}\"").ExitCode == 0) return true;
        Assert.NotEqual("true", Environment.GetEnvironmentVariable("CI"));
        return false;
    }

    /// <summary><see cref="CanImport"/>, telling <paramref name="output"/> when the check is therefore not run.</summary>
    public static bool CanRun(ITestOutputHelper output, string modules)
    {
        if (CanImport(modules)) return true;
        output.WriteLine($"not run: /usr/bin/python3 with {modules} is not installed");
        return false;
    }

    /// <summary>Runs the check <paramref name="script"/>, shows what it printed, and asserts that it exits 0 having
    /// passed at least <paramref name="atLeast"/> checks and failed none.</summary>
    public static void AssertPasses(ITestOutputHelper output, int atLeast, string script, params string[] arguments)
    {
        var (exit, text) = RunScript(script, arguments);

        output.WriteLine(text);
        Assert.Equal(0, exit);
        var summary = Regex.Match(text, @"(\d+) passed, 0 failed");
        Assert.True(summary.Success && int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= atLeast,
            $"expected at least {atLeast} checks passed and none failed");
    }

    /// <summary>Runs tests/python/<paramref name="script"/> with <paramref name="arguments"/> (each quoted).</summary>
    public static (int ExitCode, string Output) RunScript(string script, params string[] arguments) =>
        Run(Python, string.Join(" ", new[] { FindScript(script) }.Concat(arguments).Select(a => $"\"{a}\"")));

    private static string FindScript(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tests", "python", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"tests/python/{name} not found above the test binaries");
    }

    private static (int ExitCode, string Output) Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
