using System.CommandLine;
using Mnist.Trainer;
using Mnist.Trainer.Commands;

namespace Mnist.MLNet.Tests.Trainer.Commands;

public class DownloadCommandTests
{
    [Fact]
    public async Task Download_DirectoryMirrorThenInfo_PrintsOfficialCountsHistogramAndMoments()
    {
        using var dir = new TempDirectory();
        var download = new CapturedConsole();
        var info = new CapturedConsole();

        int downloaded = await Program.RunAsync(["download", "--data", dir.Path, "--mirror", MnistFixture.Directory], download.Console);
        int shown = await Program.RunAsync(["info", "--data", dir.Path], info.Console);

        Assert.Equal(ExitCodes.Ok, downloaded);
        Assert.Contains("ready", download.Output);
        Assert.Equal(ExitCodes.Ok, shown);
        var train = Assert.Single(info.Lines, l => l.StartsWith("│ Train"));
        Assert.Contains("60000", train);
        Assert.Contains("0.1307", train);
        Assert.Contains("0.3081", train);
        Assert.Contains("10000", Assert.Single(info.Lines, l => l.StartsWith("│ Test")));
        int[] histogram = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
        for (int label = 0; label < 10; label++)
            Assert.Single(info.Lines, l => l.Split('│', '|').Select(c => c.Trim()).Take(4).SequenceEqual(["", label.ToString(), label.ToString(), histogram[label].ToString()]));
    }

    [Fact]
    public async Task Download_EverySourceFails_PrintsOneLineAndExitsOne()
    {
        using var dir = new TempDirectory();
        var console = new CapturedConsole();
        var root = new RootCommand { DownloadCommand.Create(console.Console, () => new() { Sources = MnistSources.UserMirror, UseMirrorEnvironmentVariable = false }) };

        int exit = await root.Parse(["download", "--data", dir.Path, "--mirror", dir.Combine("empty-mirror")]).InvokeAsync();

        Assert.Equal(ExitCodes.Error, exit);
        var line = Assert.Single(console.Lines, l => l.StartsWith("error: "));
        Assert.Contains("train-images-idx3-ubyte.gz", line);
        Assert.Contains("empty-mirror", line);
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public async Task Download_UnsupportedMirrorScheme_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var run = await CliRun.RunAsync(["download", "--data", dir.Path, "--mirror", "ftp://example.invalid/"]);

        Assert.Contains("ftp", run.SingleLine(ExitCodes.BadArguments));
    }
}
