using Mnist.Trainer;

namespace Mnist.MLNet.Tests.Trainer.Commands;

public class InfoCommandTests
{
    [Fact]
    public async Task Info_EmptyDirectory_PrintsOneLineAndExitsOne()
    {
        using var dir = new TempDirectory();

        var run = await CliRun.RunAsync(["info", "--data", dir.Path]);

        var line = run.SingleLine(ExitCodes.Error);
        Assert.Contains("train-images-idx3-ubyte.gz", line);
        Assert.Contains("mnist download", line);
    }

    [Fact]
    public async Task Info_CorruptFile_PrintsOneLineNamingTheFileAndExitsOne()
    {
        using var dir = new TempDirectory();
        foreach (var name in Directory.GetFiles(MnistFixture.Directory, "*.gz")) File.Copy(name, dir.Combine(Path.GetFileName(name)));
        File.WriteAllBytes(dir.Combine("t10k-labels-idx1-ubyte.gz"), [0x1f, 0x8b, 1, 2, 3]);

        var run = await CliRun.RunAsync(["info", "--data", dir.Path]);

        Assert.Contains("t10k-labels-idx1-ubyte.gz", run.SingleLine(ExitCodes.Error));
    }
}
