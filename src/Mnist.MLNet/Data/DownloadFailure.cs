namespace Mnist.MLNet.Data;

/// <summary>One source that could not deliver a file, and why.</summary>
/// <param name="Source">The source, as shown to users (a URL, a directory, a package).</param>
/// <param name="Reason">What went wrong, as a short phrase.</param>
public sealed record DownloadFailure(string Source, string Reason)
{
    public override string ToString() => $"{Source}: {Reason}";
}
