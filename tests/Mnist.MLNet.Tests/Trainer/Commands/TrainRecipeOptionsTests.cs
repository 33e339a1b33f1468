using Mnist.MLNet.Training;
using Mnist.MLNet.Training.Schedules;
using Mnist.Trainer.Commands;

namespace Mnist.MLNet.Tests.Trainer.Commands;

public class TrainRecipeOptionsTests
{
    private static TrainCommand.Settings Resolve(params string[] args) =>
        TrainCommand.Resolve(TrainCommand.Create(new CapturedConsole().Console).Parse(args));

    [Fact]
    public void Resolve_NoRecipe_IsTheTutorial()
    {
        var s = Resolve();
        Assert.Equal((5, 64, 1e-3, LearningRateScheduleKind.Linear), (s.Epochs, s.BatchSize, s.LearningRate, s.Schedule));
        Assert.Equal((0.0, 0.0, 0.0), (s.Dropout, s.WeightDecay, s.LabelSmoothing));
        Assert.Null(s.Augmentation);
    }

    [Fact]
    public void Resolve_RecipeBestWithFlags_FlagsOverrideTheRecipe()
    {
        var s = Resolve("--recipe", "best", "--epochs", "3", "--dropout", "0", "--elastic", "0", "--weight-decay", "0.0001");
        Assert.Equal((3, 0.0, 1e-4), (s.Epochs, s.Dropout, s.WeightDecay));
        Assert.Equal((128, LearningRateScheduleKind.OneCycle, 0.1), (s.BatchSize, s.Schedule, s.LabelSmoothing));   // the recipe's
        Assert.Equal((2.0, 10.0, 0.0), (s.Augmentation!.ShiftPixels, s.Augmentation.RotationDegrees, s.Augmentation.ElasticAlpha));
    }

    [Fact]
    public void Resolve_RecipeBestAllDistortionsOff_TrainsWithoutAugmentation()
    {
        var s = Resolve("--recipe", "best", "--shift", "0", "--rotate", "0", "--scale", "0", "--elastic", "0");
        Assert.Null(s.Augmentation);
        Assert.Equal(40, s.Epochs);
    }

    [Fact]
    public void Resolve_RecipeBestOnFashion_MirrorsInsteadOfBending()
    {
        var s = Resolve("--recipe", "best", "--dataset", "fashion");
        Assert.Equal((0.5, 0.0, 0.0), (s.Augmentation!.FlipProbability, s.Augmentation.RotationDegrees, s.Augmentation.ElasticAlpha));
    }

    [Fact]
    public void ResumeCommandLine_OfARecipeRun_ResolvesToTheSameOptions()
    {
        var s = Resolve("--recipe", "best", "--dataset", "fashion", "--seed", "4", "--label-smoothing", "0.05");
        var line = TrainCommand.ResumeCommandLine(s, "/tmp/ckpt", "/tmp/data");
        var again = Resolve(line.Split(' ')[2..]);

        Assert.Equal((s.Epochs, s.BatchSize, s.LearningRate, s.StartLearningRateRatio, s.FinalLearningRateRatio),
            (again.Epochs, again.BatchSize, again.LearningRate, again.StartLearningRateRatio, again.FinalLearningRateRatio));
        Assert.Equal((s.Schedule, s.Warmup, s.Dropout, s.WeightDecay, s.LabelSmoothing, s.Seed, s.Dataset),
            (again.Schedule, again.Warmup, again.Dropout, again.WeightDecay, again.LabelSmoothing, again.Seed, again.Dataset));
        Assert.Equal(s.Augmentation!.ToString(), again.Augmentation!.ToString());
        Assert.True(again.Resume);
    }

    [Theory]
    [InlineData("--recipe", "fastest")]
    [InlineData("--schedule", "step")]
    [InlineData("--dropout", "1")]
    [InlineData("--flip", "1.5")]
    [InlineData("--label-smoothing", "-0.1")]
    public void Parse_BadValue_ReportsTheOption(string option, string value)
    {
        var result = TrainCommand.Create(new CapturedConsole().Console).Parse([option, value]);
        Assert.Contains(result.Errors, e => e.Message.Contains(option));
    }
}
