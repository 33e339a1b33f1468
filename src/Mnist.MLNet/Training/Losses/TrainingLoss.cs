using Mnist.MLNet.Training.Optimization;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Losses;

/// <summary>What the network's outputs are trained to minimise, in the three forms the training loop needs: a tensor
/// autograd can differentiate, a summed figure for evaluation, and a hand-written gradient for the fast step.</summary>
/// <remarks>Every loss is a mean over the batch's rows, as PyTorch's losses reduce by default, so the learning rate
/// means the same whichever loss is chosen; with example weights it is the weighted mean (<see cref="RowShares"/>).</remarks>
internal abstract unsafe class TrainingLoss
{
    /// <summary>The loss's name, as fingerprints and logs show it.</summary>
    public abstract string Name { get; }

    /// <summary>Whether a correct count means anything (classification); regression reports none.</summary>
    public virtual bool CountsCorrect => true;

    /// <summary>The targets of a whole set, as <see cref="Mean(Tensor, Tensor)"/> and <see cref="Sum"/> read them.</summary>
    public abstract Tensor Targets(TrainingSet set);

    /// <summary>The targets of a gathered batch, as <see cref="Mean(Tensor, Tensor)"/> reads them.</summary>
    public abstract Tensor Targets(BatchGather.Batch batch);

    /// <summary>Mean loss of <paramref name="outputs"/> [rows, width], differentiable by autograd.</summary>
    public abstract Tensor Mean(Tensor outputs, Tensor targets);

    /// <summary>Each row's loss [rows], differentiable by autograd.</summary>
    public abstract Tensor PerRow(Tensor outputs, Tensor targets);

    /// <summary>Mean loss with each row counted by its example weight, Σ w_r l_r / Σ w_r (zero when every weight
    /// is); the plain mean when <paramref name="weights"/> is null.</summary>
    public Tensor Mean(Tensor outputs, Tensor targets, Tensor? weights) => weights is null
        ? Mean(outputs, targets)
        : PerRow(outputs, targets).mul(weights).sum().div(weights.sum().clamp_min(float.Epsilon));

    /// <summary>Rows whose prediction is right; 0 when <see cref="CountsCorrect"/> is false.</summary>
    public abstract long Correct(Tensor outputs, Tensor targets);

    /// <summary>Overwrites <paramref name="outputs"/> [rows, width] with d(mean loss)/d(outputs); returns the summed
    /// loss (before the mean) and the correct count.</summary>
    public abstract (double LossSum, long Correct) Backward(float* outputs, BatchGather.Batch batch, int rows, int width);

    /// <summary>Summed loss and correct count of a block of rows, without gradients.</summary>
    public (double LossSum, long Correct) Sum(Tensor outputs, Tensor targets) =>
        (Mean(outputs, targets).item<float>() * (double)outputs.shape[0], Correct(outputs, targets));
}
