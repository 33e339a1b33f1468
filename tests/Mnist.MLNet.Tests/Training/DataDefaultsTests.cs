using Mnist.MLNet.Training;

namespace Mnist.MLNet.Tests.Training;

/// <summary>What the options left to the data become, by the number of training rows.</summary>
public class DataDefaultsTests
{
    [Theory]
    [InlineData(150, 150, 100)]        // fewer rows than a batch: one batch an epoch
    [InlineData(455, 200, 100)]        // scikit-learn's min(200, rows)
    [InlineData(9_999, 200, 100)]
    [InlineData(60_000, 64, 512)]      // the tutorial's batch and widths
    public void Resolve_Defaults_FollowTheRows(int rows, int batch, int firstWidth)
    {
        var options = new MlpTrainer.Options();

        var resolved = DataDefaults.Resolve(options, rows);

        Assert.Equal(batch, resolved.BatchSize);
        Assert.Equal(firstWidth, resolved.HiddenLayers![0]);
        Assert.Equal(MlpTrainerOptions.AutoBatchSize, options.BatchSize);   // the caller's options are untouched
        Assert.Null(options.HiddenLayers);
        Assert.IsType<MlpTrainer.Options>(resolved);
    }

    [Fact]
    public void Resolve_MaxEpochSet_KeepsTheTutorialBatch() =>
        Assert.Equal(64, DataDefaults.Resolve(new MlpTrainer.Options { MaxEpoch = 3 }, 500).BatchSize);

    [Fact]
    public void Resolve_ValuesSet_AreKept()
    {
        var options = new MlpTrainer.Options { BatchSize = 32, HiddenLayers = [7], WeightDecay = 0, Dropout = 0 };

        Assert.Same(options, DataDefaults.Resolve(options, 500));
    }

    [Theory]
    [InlineData(9_999, MlpTrainerOptions.AutoMaxEpoch, DataDefaults.SmallDataWeightDecay)]
    [InlineData(10_000, MlpTrainerOptions.AutoMaxEpoch, 0)]     // large sets train as the tutorial
    [InlineData(500, 5, 0)]                                     // a fixed length keeps the tutorial's none
    public void Resolve_WeightDecay_OnlyForSmallSetsWhoseLengthAdapts(int rows, int maxEpoch, double decay)
    {
        var options = new MlpTrainer.Options { MaxEpoch = maxEpoch };

        Assert.Equal(decay, DataDefaults.Resolve(options, rows).WeightDecay);
        Assert.Equal(MlpTrainerOptions.AutoWeightDecay, options.WeightDecay);
    }

    [Fact]
    public void Resolve_WeightDecaySet_IsKept() =>
        Assert.Equal(0.5, DataDefaults.Resolve(new MlpTrainer.Options { WeightDecay = 0.5 }, 500).WeightDecay);

    [Theory]
    [InlineData(9_999, MlpTrainerOptions.AutoMaxEpoch, DataDefaults.RarePositivesDropout)]
    [InlineData(10_000, MlpTrainerOptions.AutoMaxEpoch, 0)]     // large sets train as the tutorial
    [InlineData(500, 5, 0)]                                     // so does a fixed length
    public void Resolve_Dropout_TheTasksOnlyForSmallSetsWhoseLengthAdapts(int rows, int maxEpoch, double dropout)
    {
        var options = new MlpTrainer.Options { MaxEpoch = maxEpoch };

        Assert.Equal(dropout, DataDefaults.Resolve(options, rows, DataDefaults.RarePositivesDropout).Dropout);
        Assert.Equal(0, DataDefaults.Resolve(options, rows).Dropout);   // a task that asks for none
        Assert.Equal(0.3, DataDefaults.Resolve(new MlpTrainer.Options { MaxEpoch = maxEpoch, Dropout = 0.3 }, rows, DataDefaults.RarePositivesDropout).Dropout);
    }

    [Theory]
    [InlineData(99, 1_000, DataDefaults.RarePositivesDropout)]  // 9.9% positive
    [InlineData(100, 1_000, 0)]                                 // 10%: not rare
    [InlineData(0, 1_000, 0)]                                   // no positives: nothing to cut a threshold for
    public void SmallDataDropout_OnlyWhenPositivesAreRare(long positives, long rows, double dropout) =>
        Assert.Equal(dropout, DataDefaults.SmallDataDropout(positives, rows));

    [Fact]
    public void ForRefit_TrainsExactlyTheChosenEpochsWithoutValidationOrCheckpoints()
    {
        var options = new MlpTrainer.Options { CheckpointDirectory = "somewhere", ResumeFromCheckpoint = true, EarlyStoppingPatience = 3 };

        var refit = DataDefaults.ForRefit(options, 17);

        Assert.Equal(17, refit.MaxEpoch);
        Assert.Null(refit.CheckpointDirectory);
        Assert.False(refit.ResumeFromCheckpoint);
        Assert.Equal(0, refit.EarlyStoppingPatience);
        Assert.Equal("somewhere", options.CheckpointDirectory);
    }

    [Theory]
    [InlineData(9_999, true)]
    [InlineData(10_000, false)]
    public void RefitsOnAllRows_OnlyBelowTheLargeSetSize(int rows, bool refits) =>
        Assert.Equal(refits, DataDefaults.RefitsOnAllRows(rows));
}
