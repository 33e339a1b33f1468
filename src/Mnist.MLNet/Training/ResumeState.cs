namespace Mnist.MLNet.Training;

/// <summary>Where a training run stands: enough to continue it so that it ends exactly as an uninterrupted run.</summary>
/// <remarks>Written as the checkpoint's <c>state.json</c>; the property names are its field names.</remarks>
internal sealed record ResumeState
{
    /// <summary>The epoch to continue (1-based).</summary>
    public int Epoch { get; init; } = 1;

    /// <summary>The first batch of <see cref="Epoch"/> not yet trained (0: the epoch has not started).</summary>
    public int NextBatch { get; init; }

    /// <summary>The seed the run was started with.</summary>
    public int Seed { get; init; }

    /// <summary>The options and data shape the run was started with; a resume must match it.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>Summed loss of the batches of <see cref="Epoch"/> trained so far.</summary>
    public double EpochLossSum { get; init; }

    /// <summary>Correct predictions in the batches of <see cref="Epoch"/> trained so far.</summary>
    public long EpochCorrect { get; init; }

    /// <summary>Seconds spent on <see cref="Epoch"/> so far.</summary>
    public double EpochSeconds { get; init; }

    /// <summary>The finished epochs.</summary>
    public List<EpochMetrics> History { get; init; } = [];

    /// <summary>The lowest validation loss so far (+infinity before the first).</summary>
    public double BestValidationLoss { get; init; } = double.PositiveInfinity;

    /// <summary>Epochs finished since <see cref="BestValidationLoss"/> was reached.</summary>
    public int EpochsSinceBest { get; init; }

    /// <summary>The state of a run that has not trained yet.</summary>
    public static ResumeState Start(int seed, string fingerprint) => new() { Seed = seed, Fingerprint = fingerprint };

    /// <summary>The state after <see cref="Epoch"/> has finished: the next epoch, not yet started.</summary>
    public ResumeState EpochFinished<TWeights>(EarlyStopping<TWeights> stopping) where TWeights : class => this with
    {
        Epoch = Epoch + 1,
        NextBatch = 0,
        EpochLossSum = 0,
        EpochCorrect = 0,
        EpochSeconds = 0,
        BestValidationLoss = stopping.BestValidationLoss,
        EpochsSinceBest = stopping.EpochsSinceBest,
    };
}
