using System.Diagnostics;

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
