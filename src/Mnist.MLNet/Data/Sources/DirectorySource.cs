namespace Mnist.MLNet.Data.Sources;

/// <summary>A local directory holding the dataset files, gzipped (preferred) or unpacked: a user mirror or a Debian package.</summary>
internal sealed class DirectorySource(string name, string directory, string? missingHint = null) : IDownloadSource
{
    public string Name { get; } = name;

    public async Task<FetchedContent> FetchAsync(MnistResource resource, string destination, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        if (!Directory.Exists(directory))
            throw new SourceFailedException(missingHint ?? $"directory {directory} does not exist", unreachable: true);
        var gz = Path.Combine(directory, resource.FileName);
        var raw = Path.Combine(directory, resource.RawFileName);
        var (path, content) = File.Exists(gz) ? (gz, FetchedContent.Gzip)
            : File.Exists(raw) ? (raw, FetchedContent.Raw)
            : throw new SourceFailedException($"neither {resource.FileName} nor {resource.RawFileName} is in {directory}");
        try
        {
            await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await StreamCopier.CopyToFileAsync(input, destination, resource, Name, input.Length, progress, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceFailedException($"cannot read {path} ({e.Message})");
        }
        return content;
    }

    public void Dispose() { }
}
