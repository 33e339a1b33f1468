namespace Mnist.MLNet.Training;

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
