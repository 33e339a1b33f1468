using Mnist.MLNet.Tests.Reliability;
using Mnist.Trainer;

namespace Mnist.MLNet.Tests.Trainer.Commands;

public class TrainLayersFlagTests
{
    [Fact]
    public async Task Train_BadLayerToken_ExitsTwoNamingFlagAndToken()
    {
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["train", "--layers", "conv32k3,pol2,dense128"], console.Console);

        Assert.Equal(ExitCodes.BadArguments, exit);
        var line = Assert.Single(console.Lines);
        Assert.StartsWith("error: ", line);
        Assert.Contains("--layers", line);
        Assert.Contains("token 2 'pol2' is not a layer", line);
    }

    [Fact]
    public async Task TrainHelp_Layers_DocumentsTheSpelling()
    {
        // System.CommandLine writes help to the process's standard output: run the built tool.
        using var process = ChildProcess.Start(BuiltPrograms.MnistTool, "train", "--help");
        var (exit, output) = await ChildProcess.WaitAsync(process, TimeSpan.FromMinutes(1));

        Assert.True(exit == ExitCodes.Ok, output);
        // Help wraps to the terminal's width: compare with the line breaks and indentation taken out.
        var text = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.Contains("--layers <LAYERS>", text);
        Assert.Contains("conv<filters>k<kernel>[s<stride>][p<padding>]", text);
        Assert.Contains("pool<size>[s<stride>]", text);
    }
}
