using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>Sharpness-aware minimisation (Foret et al., 2021): the optimizer steps with the gradient taken at the
/// worst nearby weights, w + radius * g / |g|, so training settles where the loss is flat around the weights rather
/// than merely low at them. Two forward and backward passes per batch.</summary>
/// <remarks>The batch's reported loss is the one at w, as with the plain step. The weights are restored by copy,
/// not by subtracting the nudge back, so rounding leaves no drift.</remarks>
internal sealed class SharpnessAwareStep : ITrainingStep
{
    private readonly IGradientPass _pass;
    private readonly FusedOptimizer _optimizer;
    private readonly double _radius;
    private readonly Tensor _saved;

    /// <param name="pass">The plain step, whose gradient passes this one takes; disposed with this one.</param>
    public SharpnessAwareStep(IGradientPass pass, FusedOptimizer optimizer, double radius)
    {
        _pass = pass;
        _optimizer = optimizer;
        _radius = radius;
        _saved = empty(optimizer.Parameters.Length);
    }

    public (double LossSum, long Correct) Run(BatchGather.Batch batch, double learningRate)
    {
        var result = _pass.ComputeGradients(batch);
        var (weights, gradient) = (_optimizer.Parameters.ValueTensor, _optimizer.Parameters.GradientTensor);
        using (no_grad())
        {
            double norm;
            using (var n = gradient.norm()) norm = n.item<float>();
            _saved.copy_(weights);
            weights.add_(gradient, alpha: _radius / (norm + 1e-12));
        }
        _pass.ComputeGradients(batch);   // outside no_grad: the autograd pass records its graph
        using (no_grad()) weights.copy_(_saved);
        _optimizer.Step(learningRate);
        return result;
    }

    public void Dispose()
    {
        _saved.Dispose();
        _pass.Dispose();
    }
}
