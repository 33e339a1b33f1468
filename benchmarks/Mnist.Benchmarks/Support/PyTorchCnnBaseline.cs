using Mnist.TestSupport;

namespace Mnist.Benchmarks.Support;

/// <summary>The classic MNIST network trained by <c>Python/pytorch_cnn_epoch.py</c> in Debian's PyTorch
/// (<c>python3-torch</c> 1.13), as a child process; install <c>libopenblas0-pthread</c> or it uses the reference BLAS.</summary>
public static class PyTorchCnnBaseline
{
    /// <summary>Runs the script on the first <paramref name="rows"/> training images (0: all) and returns what it printed,
    /// with its <c>RESULT</c> line for <see cref="ChildProcess.Value"/>; a failure to start comes back as exit code -1.</summary>
    public static ChildProcess.Result Run(string python, string directory, int rows, int epochs, int threads, int seed)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Python", "pytorch_cnn_epoch.py");
        string[] args = [script, directory, $"{rows}", $"{epochs}", $"{threads}", $"{seed}"];
        var clock = Stopwatch.StartNew();
        try
        {
            using var process = ChildProcess.StartProgram(python, args);
            var error = process.StandardError.ReadToEndAsync();
            var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            process.WaitForExit();
            lines.AddRange(error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "stderr: " + l));
            return new ChildProcess.Result(process.ExitCode, clock.Elapsed.TotalSeconds, lines);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ChildProcess.Result(-1, clock.Elapsed.TotalSeconds, [$"{python} could not start ({e.Message}); install Debian's python3-torch"]);
        }
    }
}
