namespace Mnist.MLNet.Data.Sources;

/// <summary>What a source delivered: the official gzip file, or the uncompressed IDX file.</summary>
internal enum FetchedContent
{
    Gzip,
    Raw,
}

/// <summary>One place a dataset file can come from. The downloader verifies what it writes; sources only fetch.</summary>
internal interface IDownloadSource : IDisposable
{
    /// <summary>How the source is named in progress reports and errors.</summary>
    string Name { get; }

    /// <summary>Writes <paramref name="resource"/> to <paramref name="destination"/> (a temporary file) and says in which form.</summary>
    /// <exception cref="SourceFailedException">The source cannot deliver the file.</exception>
    Task<FetchedContent> FetchAsync(MnistResource resource, string destination, IProgress<DownloadProgress>? progress, CancellationToken ct);
}
