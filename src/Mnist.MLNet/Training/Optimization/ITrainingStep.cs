namespace Mnist.MLNet.Training.Optimization;

/// <summary>One optimisation step on a gathered batch: forward, loss, gradients, update.</summary>
internal interface ITrainingStep : IDisposable
{
    /// <summary>Trains on <paramref name="batch"/> with the given learning rate (a schedule may change it every
    /// batch) and returns the batch's summed loss and its count of correct predictions.</summary>
    (double LossSum, long Correct) Run(BatchGather.Batch batch, double learningRate);
}
