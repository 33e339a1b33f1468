using TorchSharp;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>The step through autograd: the module's forward, <c>cross_entropy</c>, <c>backward</c> into the flat
/// gradient buffer, then the fused optimizer. Used whenever <see cref="ManualMlpStep"/> does not apply (dropout).</summary>
internal sealed class AutogradStep(MlpModule model, FusedOptimizer optimizer, double labelSmoothing = 0) : ITrainingStep
{
    public (double LossSum, long Correct) Run(BatchGather.Batch batch, double learningRate)
    {
        using var scope = NewDisposeScope();
        optimizer.Parameters.ZeroGradients();
        var logits = model.forward(batch.Inputs);
        var loss = nn.functional.cross_entropy(logits, batch.Targets, label_smoothing: labelSmoothing);
        loss.backward();
        optimizer.Step(learningRate);
        double lossSum = loss.item<float>() * (double)batch.Size;
        long correct = logits.argmax(1).eq(batch.Targets).sum().item<long>();
        return (lossSum, correct);
    }

    public void Dispose() { }
}
