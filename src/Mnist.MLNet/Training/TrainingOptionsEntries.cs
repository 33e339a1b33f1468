using System.Globalization;

namespace Mnist.MLNet.Training;

/// <summary>The options a model was trained with, as the model card records them: name to invariant text.</summary>
internal static class TrainingOptionsEntries
{
    /// <summary>The options, with what the trainer decided from the data in <paramref name="trained"/>: the widths it
    /// trained, how many rows it held out, epochs run, the epoch kept and why it stopped.</summary>
    public static Dictionary<string, string> From(MlpTrainerOptions options, TrainedNetwork trained)
    {
        var entries = From(options, trained.Decisions);
        entries[nameof(options.HiddenLayers)] = string.Join(",", trained.HiddenLayers.Select(Text));
        entries[nameof(options.QuantileFeatures)] = trained.QuantileFeatures;
        entries["RefitEpochs"] = Text(trained.RefitEpochs);
        return entries;
    }

    /// <summary>The options, with what any network's run decided from the data (a layer stack's too).</summary>
    public static Dictionary<string, string> From(MlpTrainerOptions options, TrainingDecisions decisions)
    {
        var entries = From(options);
        entries[nameof(options.BatchSize)] = Text(decisions.BatchSize);
        entries[nameof(options.WeightDecay)] = Text(decisions.WeightDecay);
        entries[nameof(options.Dropout)] = Text(decisions.Dropout);
        entries["HeldOutRows"] = Text(decisions.HeldOutRows);
        entries["EpochsRun"] = Text(decisions.History.Count);
        entries["BestEpoch"] = Text(decisions.BestEpoch);
        entries["StopReason"] = decisions.StopReason;
        return entries;
    }

    private static Dictionary<string, string> From(MlpTrainerOptions options) => new()
    {
        [nameof(options.LabelColumnName)] = options.LabelColumnName,
        [nameof(options.FeatureColumnName)] = options.FeatureColumnName,
        [nameof(options.ExampleWeightColumnName)] = options.ExampleWeightColumnName ?? "",
        [nameof(options.HiddenLayers)] = string.Join(",", (options.HiddenLayers ?? []).Select(Text)),
        [nameof(options.MaxEpoch)] = options.MaxEpoch == MlpTrainerOptions.AutoMaxEpoch ? "auto" : Text(options.MaxEpoch),
        [nameof(options.BatchSize)] = options.BatchSize == MlpTrainerOptions.AutoBatchSize ? "auto" : Text(options.BatchSize),
        [nameof(options.QuantileFeatures)] = options.QuantileFeatures ? "true" : "false",
        [nameof(options.LearningRate)] = Text(options.LearningRate),
        [nameof(options.StartLearningRateRatio)] = Text(options.StartLearningRateRatio),
        [nameof(options.FinalLearningRateRatio)] = Text(options.FinalLearningRateRatio),
        [nameof(options.Optimizer)] = options.Optimizer.ToString(),
        [nameof(options.Momentum)] = Text(options.Momentum),
        [nameof(options.WeightDecay)] = options.WeightDecay == MlpTrainerOptions.AutoWeightDecay ? "auto" : Text(options.WeightDecay),
        [nameof(options.Dropout)] = options.Dropout == MlpTrainerOptions.AutoDropout ? "auto" : Text(options.Dropout),
        [nameof(options.Shuffle)] = options.Shuffle ? "true" : "false",
        [nameof(options.Seed)] = options.Seed is int seed ? Text(seed) : "",
        [nameof(options.NumberOfThreads)] = Text(options.NumberOfThreads),
        [nameof(options.EarlyStoppingPatience)] = Text(options.EarlyStoppingPatience),
        [nameof(options.ValidationSet)] = options.ValidationSet is null ? "none" : "given",
        [nameof(options.LearningRateSchedule)] = options.LearningRateSchedule.ToString(),
        [nameof(options.WarmupFraction)] = Text(options.WarmupFraction),
        [nameof(options.SharpnessRadius)] = Text(options.SharpnessRadius),
        // What training ran in, not what was asked: bfloat16 falls back to fp32 on a CPU without it.
        [nameof(options.Precision)] = options.EffectivePrecision.ToString(),
        [nameof(options.Augmentation)] = options.Augmentation is { IsIdentity: false } augmentation ? augmentation.ToString() : "none",
    };

    public static string Text<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
