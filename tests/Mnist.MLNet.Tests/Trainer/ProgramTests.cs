using Mnist.MLNet.Tests.Reliability;
using Mnist.Trainer;

namespace Mnist.MLNet.Tests.Trainer;

public class ProgramTests
{
    [Fact]
    public async Task Main_Version_PrintsPackageVersionAndExitsZero()
    {
        using var process = ChildProcess.Start(BuiltPrograms.MnistTool, "--version");

        var (exit, output) = await ChildProcess.WaitAsync(process, TimeSpan.FromMinutes(1));

        Assert.Equal(0, exit);
        var version = typeof(Program).Assembly.GetName().Version!.ToString(3);
        Assert.StartsWith(version, output.Trim());
    }

    [Theory]
    [InlineData("download", "--dataset", "cifar")]
    [InlineData("info", "--no-such-option")]
    [InlineData("no-such-command")]
    [InlineData("download", "--data")]
    [InlineData]
    public async Task RunAsync_BadArguments_ExitsTwoWithOneLine(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        var line = run.SingleLine(ExitCodes.BadArguments);
        Assert.StartsWith("error: ", line);
    }

    [Fact]
    public async Task RunAsync_UnknownDataset_NamesTheValue()
    {
        var console = new CapturedConsole();

        await Program.RunAsync(["info", "--dataset", "cifar"], console.Console);

        Assert.Contains("'cifar'", console.Output);
    }

    [Fact]
    public void CreateRootCommand_Always_HasEveryCommand()
    {
        var root = Program.CreateRootCommand(new CapturedConsole().Console);

        Assert.Equal(["download", "info", "train", "evaluate", "predict", "export", "plot", "serve"], root.Subcommands.Select(c => c.Name));
    }
}
