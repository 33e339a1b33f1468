using System.Globalization;

namespace Mnist.Benchmarks.Support;

/// <summary>scikit-learn's MLP defaults cross-validated on the same CSV by <c>Python/sklearn_mlp_cv.py</c> in a child
/// process (Debian's <c>python3-sklearn</c>); its folds are scikit-learn's <c>KFold</c>, not ML.NET's.</summary>
public static class SklearnBaseline
{
    /// <summary>Debian's interpreter: a virtual environment's <c>python3</c> earlier on PATH may lack scikit-learn.</summary>
    public static string DefaultPython => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Mean primary and secondary metric over the folds (as <see cref="TabularCrossValidation"/> names them,
    /// F1 as the binary secondary), or null with the reason when the child process failed.</summary>
    public static ((double Primary, double Secondary)? Score, string? Error) Run(string python, string csv, TabularTask task, int folds, int seed)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Python", "sklearn_mlp_cv.py");
        var start = new ProcessStartInfo(python)
        {
            ArgumentList = { script, csv, task.ToString().ToLowerInvariant(), folds.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) return (null, $"{python} {Path.GetFileName(script)} exited with {process.ExitCode}: {LastLine(error.Result)}");
            var parts = output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return ((double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture)), null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"{python} could not start ({e.Message}); install Debian's python3-sklearn");
        }
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
}
