using TorchSharp;
using static TorchSharp.torch;
using Mnist.MLNet.Network;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>The step through autograd: the module's forward, the loss (cross-entropy unless given), <c>backward</c>
/// into the flat gradient buffer, then the fused optimizer. Used whenever <see cref="ManualMlpStep"/> does not apply
/// (dropout).</summary>
internal sealed class AutogradStep(MlpModule model, FusedOptimizer optimizer, TrainingLoss? loss = null) : IGradientPass
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
        var mean = criterion.Mean(Weighted(outputs, batch.Weights), targets);
        mean.backward();
        double lossSum = mean.item<float>() * (double)batch.Size;
        long correct = criterion.Correct(outputs, targets);
        return (lossSum, correct);
    }

    // Forward the outputs unchanged, with each row's gradient scaled by its weight: the weighted mean loss's gradient
    // for any loss that averages over rows.
    private static Tensor Weighted(Tensor outputs, Tensor? weights)
    {
        if (weights is null) return outputs;
        var w = weights.unsqueeze(1);
        return outputs * w + (outputs * (1 - w)).detach();
    }

    public void Dispose() { }
}
