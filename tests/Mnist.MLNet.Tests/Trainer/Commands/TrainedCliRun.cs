using Mnist.Trainer;

namespace Mnist.MLNet.Tests.Trainer.Commands;

/// <summary><c>mnist train --epochs 1</c> run once on real MNIST, with metrics and plots, shared by the tests that
/// check its outputs (training takes tens of seconds on a shared machine).</summary>
public sealed class TrainedCliRun : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TrainedCliRun()
    {
        var console = new CapturedConsole();
        ExitCode = Program.RunAsync(["train", "--epochs", "1", "--data", MnistFixture.Directory, "--out", ModelPath,
            "--metrics", MetricsPath, "--plots", PlotDirectory, "--seed", "1"], console.Console).GetAwaiter().GetResult();
        Output = console.Output;
    }

    public int ExitCode { get; }
    public string Output { get; }
    public string ModelPath => _directory.Combine("m.zip");
    public string MetricsPath => _directory.Combine("m.json");
    public string PlotDirectory => _directory.Combine("plots");
    public string Directory => _directory.Path;

    public void Dispose() => _directory.Dispose();
}
