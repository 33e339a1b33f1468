namespace Mnist.MLNet.Training;

/// <summary>The training data cannot be used: a missing label, a NaN feature, no rows. The message names the
/// column and row.</summary>
public sealed class TrainingDataException(string message) : Exception(message);

/// <summary>The loss stopped being a finite number; the message names the epoch and batch where it happened.</summary>
public sealed class TrainingDivergedException(int epoch, int batch, double loss)
    : Exception($"Training diverged: the loss became {loss} in epoch {epoch}, batch {batch}. Lower the learning rate.")
{
    public int Epoch { get; } = epoch;
    public int Batch { get; } = batch;
}

/// <summary>Training was cancelled at a batch boundary; <see cref="CheckpointPath"/> holds the state to resume from
/// when a checkpoint directory was set.</summary>
public sealed class TrainingCanceledException(int epoch, int batch, string? checkpointPath, CancellationToken token)
    : OperationCanceledException(
        $"Training was cancelled in epoch {epoch} after batch {batch}." +
        (checkpointPath is null ? "" : $" A checkpoint was written to {checkpointPath}."), token)
{
    public int Epoch { get; } = epoch;
    public int Batch { get; } = batch;
    public string? CheckpointPath { get; } = checkpointPath;
}
