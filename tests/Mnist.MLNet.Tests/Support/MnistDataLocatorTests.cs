using System.Collections.Concurrent;
using System.IO.Compression;

namespace Mnist.MLNet.Tests.Support;

public sealed class MnistDataLocatorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ConcurrentQueue<string> _downloads = new();

    [Fact]
    public void Locate_Configured_UsesItWithoutLookingFurther()
    {
        var repositoryData = WriteTinyMnist(_temp.Combine("repo-data"));
        var locator = new MnistDataLocator(_temp.Combine("configured"), repositoryData, HasFourFiles, FakeDownload);

        Assert.Equal(_temp.Combine("configured"), locator.Locate());
        Assert.Empty(_downloads);
    }

    [Fact]
    public void Locate_NotConfiguredRepositoryDataComplete_UsesRepositoryData()
    {
        var repositoryData = WriteTinyMnist(_temp.Combine("repo-data"));
        var locator = new MnistDataLocator(configured: " ", repositoryData, HasFourFiles, FakeDownload);

        Assert.Equal(repositoryData, locator.Locate());
        Assert.Empty(_downloads);
    }

    [Fact]
    public void Locate_RepositoryDataMissing_DownloadsThereOnce()
    {
        var repositoryData = _temp.Combine(Path.Combine("repo", "data", "mnist"));
        var locator = new MnistDataLocator(null, repositoryData, HasFourFiles, FakeDownload);

        Assert.Equal(repositoryData, locator.Locate());
        Assert.Equal(repositoryData, locator.Locate());
        Assert.Equal([repositoryData], _downloads);
        Assert.True(HasFourFiles(repositoryData));
    }

    [Fact]
    public void Locate_RepositoryDataFailsChecksums_DownloadsAgain()
    {
        // The default check is the downloader's md5 verification: tiny stand-ins under the real names fail it.
        var repositoryData = WriteTinyMnist(_temp.Combine("repo-data"));
        var locator = new MnistDataLocator(null, repositoryData, isComplete: null, download: dir => _downloads.Enqueue(dir));

        locator.Locate();

        Assert.Equal([repositoryData], _downloads);
    }

    [Fact]
    public void Locate_DownloadArrivesUnpacked_GzipsItInPlace()
    {
        var repositoryData = _temp.Combine("repo-data");
        var locator = new MnistDataLocator(null, repositoryData, HasFourFiles, dir =>
        {
            _downloads.Enqueue(dir);
            WriteTinyMnist(dir, gzip: false);
        });

        locator.Locate();

        var labels = MnistResources.Files(MnistDataset.Mnist).Single(r => r.FileName.StartsWith("t10k-labels", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(repositoryData, labels.RawFileName)));
        Assert.Equal([(byte)3, (byte)7], IdxReader.ReadLabels(Path.Combine(repositoryData, labels.FileName)));
        Assert.Single(_downloads);
    }

    [Fact]
    public void Locate_ManyLocatorsAtOnce_DownloadOnce()
    {
        // Each locator opens the lock file itself, as separate test processes do.
        var repositoryData = _temp.Combine("shared-data");
        var results = new ConcurrentBag<string>();

        Parallel.For(0, 6, _ => results.Add(new MnistDataLocator(null, repositoryData, HasFourFiles, SlowFakeDownload).Locate()));

        Assert.All(results, r => Assert.Equal(repositoryData, r));
        Assert.Single(_downloads);
    }

    public void Dispose() => _temp.Dispose();

    private void FakeDownload(string directory)
    {
        _downloads.Enqueue(directory);
        WriteTinyMnist(directory);
    }

    private void SlowFakeDownload(string directory)
    {
        Thread.Sleep(300);   // long enough for every other locator to reach the lock
        FakeDownload(directory);
    }

    private static bool HasFourFiles(string directory) =>
        MnistResources.Files(MnistDataset.Mnist).All(r => File.Exists(MnistResources.Locate(directory, r)));

    /// <summary>Two-image IDX files under the four official names, gzipped or unpacked.</summary>
    private static string WriteTinyMnist(string directory, bool gzip = true)
    {
        Directory.CreateDirectory(directory);
        foreach (var resource in MnistResources.Files(MnistDataset.Mnist))
        {
            bool labels = resource.FileName.Contains("labels", StringComparison.Ordinal);
            using var file = File.Create(Path.Combine(directory, gzip ? resource.FileName : resource.RawFileName));
            using Stream body = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
            byte[] header = labels ? [0, 0, 8, 1, 0, 0, 0, 2] : [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28];
            body.Write(header);
            body.Write(labels ? [3, 7] : new byte[2 * 28 * 28]);
        }
        return directory;
    }
}
