using Mnist.MLNet.Training;
using Mnist.MLNet.Network.Layers;
using Mnist.MLNet.Training.Recipes;
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
        Assert.Equal((5, 64, 1e-3, LearningRateScheduleKind.Linear), (s.Trainer.MaxEpoch, s.Trainer.BatchSize, s.Trainer.LearningRate, s.Trainer.LearningRateSchedule));
        Assert.Equal((0.0, 0.0, 0.0), (s.Trainer.Dropout, s.Trainer.WeightDecay, s.Trainer.LabelSmoothing));
        Assert.Null(s.Trainer.Augmentation);
    }

    [Fact]
    public void Resolve_RecipeBestWithFlags_FlagsOverrideTheRecipe()
    {
        var s = Resolve("--recipe", "best", "--epochs", "3", "--dropout", "0", "--elastic", "0", "--weight-decay", "0.0001");
        Assert.Equal((3, 0.0, 1e-4), (s.Trainer.MaxEpoch, s.Trainer.Dropout, s.Trainer.WeightDecay));
        Assert.Equal((128, LearningRateScheduleKind.OneCycle, 0.1), (s.Trainer.BatchSize, s.Trainer.LearningRateSchedule, s.Trainer.LabelSmoothing));   // the recipe's
        Assert.Equal((2.0, 10.0, 0.0), (s.Trainer.Augmentation!.ShiftPixels, s.Trainer.Augmentation.RotationDegrees, s.Trainer.Augmentation.ElasticAlpha));
    }

    [Fact]
    public void Resolve_RecipeBestAllDistortionsOff_TrainsWithoutAugmentation()
    {
        var s = Resolve("--recipe", "best", "--shift", "0", "--rotate", "0", "--scale", "0", "--elastic", "0");
        Assert.Null(s.Trainer.Augmentation);
        Assert.Equal(40, s.Trainer.MaxEpoch);
    }

    [Fact]
    public void Resolve_RecipeBestOnFashion_MirrorsInsteadOfBending()
    {
        var s = Resolve("--recipe", "best", "--dataset", "fashion");
        Assert.Equal((0.5, 0.0, 0.0), (s.Trainer.Augmentation!.FlipProbability, s.Trainer.Augmentation.RotationDegrees, s.Trainer.Augmentation.ElasticAlpha));
        Assert.Equal((1e-3, 0.3, 0.1), (s.Trainer.LearningRate, s.Trainer.WarmupFraction, s.Trainer.Dropout));
    }

    [Fact]
    public void Resolve_RecipeCnn_TrainsItsStackAndResumesIt()
    {
        var s = Resolve("--recipe", "cnn", "--dataset", "fashion");
        Assert.Equal(LayerStack.Parse(MlpRecipes.CnnFashionLayers), s.Trainer.Layers);
        Assert.Equal(0.5, s.Trainer.Augmentation!.FlipProbability);

        s.Trainer.CheckpointDirectory = "/tmp/ckpt";
        var again = Resolve(TrainCommand.ResumeCommandLine(s).Split(' ')[2..]);
        Assert.Equal(s.Trainer.Layers, again.Trainer.Layers);
        Assert.Equal((s.Trainer.MaxEpoch, s.Trainer.LearningRate), (again.Trainer.MaxEpoch, again.Trainer.LearningRate));
    }

    [Fact]
    public void Resolve_ShuffleFalseAndErase_ReachTheTrainerAndTheResumeLine()
    {
        var s = Resolve("--shuffle", "false", "--erase", "0.25", "--erase-max-area", "0.2");
        Assert.False(s.Trainer.Shuffle);
        Assert.Equal((0.25, 0.2), (s.Trainer.Augmentation!.EraseProbability, s.Trainer.Augmentation.EraseMaxArea));
        Assert.True(Resolve().Trainer.Shuffle);

        s.Trainer.CheckpointDirectory = "/tmp/ckpt";
        var again = Resolve(TrainCommand.ResumeCommandLine(s).Split(' ')[2..]);
        Assert.False(again.Trainer.Shuffle);
        Assert.Equal(s.Trainer.Augmentation.ToString(), again.Trainer.Augmentation!.ToString());
    }

    [Fact]
    public void ResumeCommandLine_OfACsvRunWithDefaults_LeavesTheDataDecidedValuesToTheData()
    {
        var s = Resolve("--csv", "/data/rows.csv", "--label", "y");
        s.Trainer.CheckpointDirectory = "/tmp/ckpt";

        var line = TrainCommand.ResumeCommandLine(s);
        var again = Resolve(line.Split(' ')[2..]);

        Assert.DoesNotContain("--epochs", line);
        Assert.DoesNotContain("--weight-decay", line);
        Assert.Equal((MlpTrainerOptions.AutoMaxEpoch, MlpTrainerOptions.AutoBatchSize, MlpTrainerOptions.AutoWeightDecay),
            (again.Trainer.MaxEpoch, again.Trainer.BatchSize, again.Trainer.WeightDecay));
        Assert.False(again.Trainer.QuantileFeatures);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Resolve_Quantiles_SetsTheOptionAndTheResumeLineKeepsIt(string flag, bool expected)
    {
        var s = Resolve("--csv", "/data/rows.csv", "--label", "y", "--quantiles", flag);
        s.Trainer.CheckpointDirectory = "/tmp/ckpt";

        var again = Resolve(TrainCommand.ResumeCommandLine(s).Split(' ')[2..]);

        Assert.Equal(expected, s.Trainer.QuantileFeatures);
        Assert.Equal(expected, again.Trainer.QuantileFeatures);
    }

    [Fact]
    public void ResumeCommandLine_OfARecipeRun_ResolvesToTheSameOptions()
    {
        var s = Resolve("--recipe", "best", "--dataset", "fashion", "--seed", "4", "--label-smoothing", "0.05");
        (s.Trainer.CheckpointDirectory, s.Training.DataDirectory) = ("/tmp/ckpt", "/tmp/data");
        var line = TrainCommand.ResumeCommandLine(s);
        var again = Resolve(line.Split(' ')[2..]);

        Assert.Equal((s.Trainer.MaxEpoch, s.Trainer.BatchSize, s.Trainer.LearningRate, s.Trainer.StartLearningRateRatio, s.Trainer.FinalLearningRateRatio),
            (again.Trainer.MaxEpoch, again.Trainer.BatchSize, again.Trainer.LearningRate, again.Trainer.StartLearningRateRatio, again.Trainer.FinalLearningRateRatio));
        Assert.Equal((s.Trainer.LearningRateSchedule, s.Trainer.WarmupFraction, s.Trainer.Dropout, s.Trainer.WeightDecay, s.Trainer.LabelSmoothing, s.Trainer.Seed, s.Training.Dataset),
            (again.Trainer.LearningRateSchedule, again.Trainer.WarmupFraction, again.Trainer.Dropout, again.Trainer.WeightDecay, again.Trainer.LabelSmoothing, again.Trainer.Seed, again.Training.Dataset));
        Assert.Equal(s.Trainer.Augmentation!.ToString(), again.Trainer.Augmentation!.ToString());
        Assert.True(again.Trainer.ResumeFromCheckpoint);
    }

    [Fact]
    public void Resolve_Momentum_ReachesTheTrainerAndTheResumeLine()
    {
        var s = Resolve("--optimizer", "sgd", "--momentum", "0.5");
        var again = Resolve(TrainCommand.ResumeCommandLine(s).Split(' ')[2..]);

        Assert.Equal((OptimizerKind.Sgd, 0.5), (s.Trainer.Optimizer, s.Trainer.Momentum));
        Assert.Equal(0.5, again.Trainer.Momentum);
    }

    [Theory]
    [InlineData("--recipe", "fastest")]
    [InlineData("--schedule", "step")]
    [InlineData("--dropout", "1")]
    [InlineData("--flip", "1.5")]
    [InlineData("--erase", "2")]
    [InlineData("--epochs", "x")]
    [InlineData("--lr", "fast")]
    [InlineData("--label-smoothing", "-0.1")]
    [InlineData("--momentum", "1")]
    public void Parse_BadValue_ReportsTheOption(string option, string value)
    {
        var result = TrainCommand.Create(new CapturedConsole().Console).Parse([option, value]);
        Assert.Contains(result.Errors, e => e.Message.Contains(option));
    }
}
