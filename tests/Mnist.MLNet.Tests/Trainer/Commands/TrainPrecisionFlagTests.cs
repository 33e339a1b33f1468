using Mnist.Trainer;
using Mnist.Trainer.Commands;

namespace Mnist.MLNet.Tests.Trainer.Commands;

/// <summary><c>mnist train --precision</c> reaches the trainer, and the library's one-line notice is printed.</summary>
public class TrainPrecisionFlagTests
{
    [Theory]
    [InlineData("bf16", TrainingPrecision.Bf16)]
    [InlineData("fp32", TrainingPrecision.Fp32)]
    public void Resolve_Precision_SetsTheTrainersPrecision(string flag, TrainingPrecision expected)
    {
        var settings = TrainCommand.Resolve(TrainCommand.Create(new CapturedConsole().Console).Parse(["--precision", flag]));

        Assert.Equal(expected, settings.Trainer.Precision);
    }

    [Fact]
    public async Task Train_UnknownPrecision_ExitsTwoNamingTheChoices()
    {
        var run = await CliRun.RunAsync(["train", "--precision", "fp16"]);

        var line = run.SingleLine(ExitCodes.BadArguments);
        Assert.Contains("--precision 'fp16' is not one of fp32, bf16", line);
    }

    [Fact]
    public void Report_Notice_PrintsItAsOneLine()
    {
        var console = new CapturedConsole();
        var display = new TrainingDisplay(console.Console);

        display.Report(new TrainingProgress(0, 3, 0, 10, 0, 0, Notice: "This CPU has no native bfloat16 (AVX-512 BF16 or AMX): training in fp32."));

        Assert.Equal("This CPU has no native bfloat16 (AVX-512 BF16 or AMX): training in fp32.", Assert.Single(console.Lines));
    }
}
