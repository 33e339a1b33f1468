namespace Mnist.MLNet.Training;

/// <summary>A progress report from training: after each batch, and with <see cref="Completed"/> set after each epoch.</summary>
/// <param name="Epoch">1-based epoch being trained.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="RunningLoss">Mean training loss over the batches done in this epoch.</param>
public sealed record TrainingProgress(
    int Epoch,
    int MaxEpoch,
    int Batch,
    int BatchCount,
    double RunningLoss,
    double SamplesPerSecond,
    EpochMetrics? Completed = null);
