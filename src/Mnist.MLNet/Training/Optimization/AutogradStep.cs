using static TorchSharp.torch;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>The step through autograd: the module's forward, the loss (cross-entropy unless given), <c>backward</c>
/// into the flat gradient buffer, then the fused optimizer. Used whenever <see cref="ManualMlpStep"/> does not apply
/// (dropout).</summary>
internal sealed class AutogradStep(nn.Module<Tensor, Tensor> model, FusedOptimizer optimizer, TrainingLoss? loss = null) : IGradientPass
{
    public (double LossSum, long Correct) Run(BatchGather.Batch batch, double learningRate)
    {
        var result = ComputeGradients(batch);
        optimizer.Step(learningRate);
        return result;
    }

    public (double LossSum, long Correct) ComputeGradients(BatchGather.Batch batch)
    {
        using var scope = NewDisposeScope();
        optimizer.Parameters.ZeroGradients();
        var criterion = loss ?? CrossEntropyLoss.Instance;
        var outputs = model.forward(batch.Inputs);
        var targets = criterion.Targets(batch);
        var mean = criterion.Mean(outputs, targets, batch.Weights);
        mean.backward();
        double lossSum = mean.item<float>() * (double)batch.Size;
        long correct = criterion.Correct(outputs, targets);
        return (lossSum, correct);
    }

    public void Dispose() { }
}
