namespace Mnist.MLNet.Training;

/// <summary>Options left to the data, resolved when training starts from what it has: rows, features and classes.</summary>
internal static class DataDefaults
{
    /// <summary>From this many training rows, the tutorial's wider, deeper network and batches of 64, and no second
    /// run on all rows (the held-out tenth is then plenty to learn without, and a second run would double the time).</summary>
    public const int LargeRows = 10_000;

    /// <summary>scikit-learn's <c>hidden_layer_sizes</c> default: on the small tabular sets of docs/defaults.md it
    /// matched or beat wider networks, and a 2,000 x 64 set cross-validates in seconds.</summary>
    public static IReadOnlyList<int> SmallDataHidden { get; } = [100];

    /// <summary>scikit-learn's <c>batch_size="auto"</c>, <c>min(200, rows)</c>, below <see cref="LargeRows"/> when the
    /// length adapts: on diabetes, batches of 200 gave R² 0.460 where 64 gave 0.398 (docs/defaults.md); fewer,
    /// steadier steps let the held-out loss judge the length better. A <c>MaxEpoch</c> you set keeps the tutorial's
    /// 64, so that it means as many steps as it always did.</summary>
    public const int SmallDataBatch = 200;

    /// <summary>The L2 penalty of a network below <see cref="LargeRows"/> rows whose length adapts. On 2% positives it
    /// is what lets the network rank the rare class (the best threshold's F1 went from 0.865 to 0.918), and it took
    /// breast cancer as 2 classes from 0.965 to 0.974 and wine from 0.961 to 0.967; ten times as much lost a compact
    /// region of positives (F1 0.40 where none gave 0.71). Regression gets it too since the second run trains to the
    /// step floor: Boston housing's R² went from 0.815 to 0.828 and five other regression sets held or gained
    /// (docs/defaults.md has the runs).</summary>
    public const double SmallDataWeightDecay = 1e-3;

    /// <summary>The dropout of the binary classifier on rare positives (<see cref="DecisionThresholds.RarePositiveShare"/>)
    /// below <see cref="LargeRows"/> rows whose length adapts. Its threshold is chosen where F1 is best on its own
    /// training rows, which carries over to new rows only if the network has not memorised them: on eight generated
    /// sets of 2% positives F1 averaged 0.912 against 0.881 without (0.1 and 0.3 did less), and on oil spill (4%) it
    /// went from 0.513 to 0.532 (docs/defaults.md). Elsewhere it traded a point here for a point there, so it is no
    /// default beyond rare positives.</summary>
    public const double RarePositivesDropout = 0.2;

    /// <summary>The dropout a small set trains with when the options leave it to the data: <see cref="RarePositivesDropout"/>
    /// for <paramref name="positives"/> of <paramref name="rows"/> under <see cref="DecisionThresholds.RarePositiveShare"/>,
    /// none otherwise (and none for the other tasks, which pass no positives).</summary>
    public static double SmallDataDropout(long positives, long rows) =>
        DecisionThresholds.PositivesAreRare(positives, rows) ? RarePositivesDropout : 0;

    /// <summary>The options with every value left to the data decided for <paramref name="rows"/> training rows:
    /// <paramref name="options"/> itself when none is.</summary>
    /// <param name="smallDataDropout">The task's dropout for a small set whose length adapts
    /// (<see cref="TrainingTask.SmallDataDropout"/>).</param>
    public static MlpTrainerOptions Resolve(MlpTrainerOptions options, long rows, double smallDataDropout = 0)
    {
        if (options.HiddenLayers is not null && options.BatchSize != MlpTrainerOptions.AutoBatchSize
            && options.WeightDecay != MlpTrainerOptions.AutoWeightDecay && options.Dropout != MlpTrainerOptions.AutoDropout) return options;
        var resolved = options.Copy();
        resolved.HiddenLayers = HiddenLayers(options, rows);
        bool small = IsSmall(rows) && options.MaxEpoch == MlpTrainerOptions.AutoMaxEpoch;
        if (options.BatchSize == MlpTrainerOptions.AutoBatchSize)
            resolved.BatchSize = small ? (int)Math.Clamp(rows, 1, SmallDataBatch) : MlpTrainer.Defaults.TutorialBatchSize;
        if (options.WeightDecay == MlpTrainerOptions.AutoWeightDecay)
            resolved.WeightDecay = small ? SmallDataWeightDecay : 0;
        if (options.Dropout == MlpTrainerOptions.AutoDropout)
            resolved.Dropout = small ? smallDataDropout : 0;
        return resolved;
    }

    /// <summary>The hidden widths to train: the user's, else chosen by <paramref name="rows"/>.</summary>
    public static int[] HiddenLayers(MlpTrainerOptions options, long rows) =>
        options.HiddenLayers ?? [.. IsSmall(rows) ? SmallDataHidden : MlpTrainer.Defaults.HiddenLayers];

    /// <summary>Whether a run that held rows out trains again on all <paramref name="rows"/>.</summary>
    public static bool RefitsOnAllRows(long rows) => IsSmall(rows);

    /// <summary>Whether <paramref name="rows"/> training rows are a small set (below <see cref="LargeRows"/>), the one
    /// line every data-decided value draws: widths, batch, weight decay, second run, step ceiling and threshold.</summary>
    public static bool IsSmall(long rows) => rows < LargeRows;

    /// <summary>Options for the second run: exactly <paramref name="epochs"/> epochs, nothing held out, no early
    /// stopping and no checkpoints (the first run's checkpoint already resumes the whole training).</summary>
    public static MlpTrainerOptions ForRefit(MlpTrainerOptions options, int epochs)
    {
        var refit = options.Copy();
        refit.MaxEpoch = Math.Max(1, epochs);
        refit.ValidationSet = null;
        refit.EarlyStoppingPatience = 0;
        refit.CheckpointDirectory = null;
        refit.ResumeFromCheckpoint = false;
        return refit;
    }
}
