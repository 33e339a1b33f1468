namespace Mnist.MLNet.Training.Optimization;

/// <summary>A step that can also run forward and backward without the update: it fills the flat gradient buffer
/// for a batch, so another step can take more than one gradient before it moves the weights
/// (<see cref="SharpnessAwareStep"/>).</summary>
internal interface IGradientPass : ITrainingStep
{
    /// <summary>Replaces the gradient buffer with the gradient of <paramref name="batch"/>'s mean loss at the
    /// current weights and returns the batch's summed loss and its count of correct predictions.</summary>
    (double LossSum, long Correct) ComputeGradients(BatchGather.Batch batch);
}
