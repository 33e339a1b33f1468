namespace Mnist.MLNet.Tests;

/// <summary>Where the real MNIST files are: MNIST_DATA, else the shared mirror beside the repository.</summary>
public static class MnistFixture
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("MNIST_DATA");
        if (!string.IsNullOrEmpty(configured)) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "mnist");
            if (File.Exists(Path.Combine(candidate, "train-images-idx3-ubyte.gz"))) return candidate;
            candidate = Path.Combine(dir.FullName, "..", "shared", "data", "mnist");
            if (File.Exists(Path.Combine(candidate, "train-images-idx3-ubyte.gz"))) return Path.GetFullPath(candidate);
        }
        throw new InvalidOperationException("Real MNIST not found: set MNIST_DATA or place it at ../shared/data/mnist");
    }
}
