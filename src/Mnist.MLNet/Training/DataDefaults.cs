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

    /// <summary>The options with every value left to the data decided for <paramref name="rows"/> training rows:
    /// <paramref name="options"/> itself when none is.</summary>
    public static MlpTrainerOptions Resolve(MlpTrainerOptions options, long rows)
    {
        if (options.HiddenLayers is not null && options.BatchSize != MlpTrainerOptions.AutoBatchSize) return options;
        var resolved = options.Copy();
        resolved.HiddenLayers = HiddenLayers(options, rows);
        if (options.BatchSize == MlpTrainerOptions.AutoBatchSize)
            resolved.BatchSize = rows >= LargeRows || options.MaxEpoch != MlpTrainerOptions.AutoMaxEpoch
                ? MlpTrainer.Defaults.TutorialBatchSize : (int)Math.Clamp(rows, 1, SmallDataBatch);
        return resolved;
    }

    /// <summary>The hidden widths to train: the user's, else chosen by <paramref name="rows"/>.</summary>
    public static int[] HiddenLayers(MlpTrainerOptions options, long rows) =>
        options.HiddenLayers ?? [.. rows >= LargeRows ? MlpTrainer.Defaults.HiddenLayers : SmallDataHidden];

    /// <summary>Whether a run that held rows out trains again on all <paramref name="rows"/>.</summary>
    public static bool RefitsOnAllRows(long rows) => rows < LargeRows;

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
