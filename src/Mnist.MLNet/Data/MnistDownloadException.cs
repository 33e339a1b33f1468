namespace Mnist.MLNet.Data;

/// <summary>No source could deliver a verified copy of a dataset file; the message lists every source tried and why it failed.</summary>
public sealed class MnistDownloadException : IOException
{
    public MnistDownloadException(string fileName, string targetDirectory, IReadOnlyList<DownloadFailure> failures)
        : base(Describe(fileName, targetDirectory, failures))
    {
        FileName = fileName;
        TargetDirectory = targetDirectory;
        Failures = failures;
    }

    /// <summary>The dataset file that could not be fetched.</summary>
    public string FileName { get; }

    /// <summary>The directory it was meant for.</summary>
    public string TargetDirectory { get; }

    /// <summary>Each source tried, in order, with the reason it failed.</summary>
    public IReadOnlyList<DownloadFailure> Failures { get; }

    private static string Describe(string fileName, string targetDirectory, IReadOnlyList<DownloadFailure> failures) =>
        failures.Count == 0
            ? $"{Path.Combine(targetDirectory, fileName)}: no download source is enabled"
            : $"{Path.Combine(targetDirectory, fileName)}: every source failed: "
              + string.Join("; ", failures.Select((f, i) => $"({i + 1}) {f}"));
}
