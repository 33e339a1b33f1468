namespace Mnist.MLNet.Training.Optimization;

/// <summary>Forward and backward without the update: fills the flat gradient buffer for a batch, so a step can
/// take more than one gradient before it moves the weights (<see cref="SharpnessAwareStep"/>).</summary>
internal interface IGradientPass
{
    /// <summary>Replaces the gradient buffer with the gradient of <paramref name="batch"/>'s mean loss at the
    /// current weights and returns the batch's summed loss and its count of correct predictions.</summary>
    (double LossSum, long Correct) ComputeGradients(BatchGather.Batch batch);
}
