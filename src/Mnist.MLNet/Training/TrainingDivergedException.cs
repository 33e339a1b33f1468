namespace Mnist.MLNet.Training;

/// <summary>The loss stopped being a finite number; the message names the epoch and batch where it happened.</summary>
public sealed class TrainingDivergedException(int epoch, int batch, double loss)
    : Exception($"Training diverged: the loss became {loss} in epoch {epoch}, batch {batch}. Lower the learning rate.")
{
    public int Epoch { get; } = epoch;
    public int Batch { get; } = batch;
}
