using Mnist.MLNet.Training.Optimization;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Losses;

/// <summary>Softmax cross-entropy over class indices: the multiclass loss (<c>nn.CrossEntropyLoss</c>), with PyTorch's
/// <c>label_smoothing</c>.</summary>
internal sealed unsafe class CrossEntropyLoss(double labelSmoothing = 0) : TrainingLoss
{
    public static CrossEntropyLoss Instance { get; } = new();

    public override string Name => "cross-entropy";

    /// <summary>PyTorch's <c>label_smoothing</c>: the share of target probability spread over all classes.</summary>
    public double LabelSmoothing => labelSmoothing;

    public override Tensor Targets(TrainingSet set) => tensor(set.Labels, [set.Count]);

    public override Tensor Targets(BatchGather.Batch batch) => batch.Targets;

    public override Tensor Mean(Tensor outputs, Tensor targets) => nn.functional.cross_entropy(outputs, targets, label_smoothing: labelSmoothing);

    public override Tensor PerRow(Tensor outputs, Tensor targets) =>
        nn.functional.cross_entropy(outputs, targets, reduction: nn.Reduction.None, label_smoothing: labelSmoothing);

    public override long Correct(Tensor outputs, Tensor targets) => outputs.argmax(1).eq(targets).sum().item<long>();

    public override (double LossSum, long Correct) Backward(float* outputs, BatchGather.Batch batch, int rows, int width) =>
        SoftmaxCrossEntropy.Backward(outputs, batch.TargetsAddress, rows, width, RowShares.Of(batch, rows), (float)labelSmoothing);
}
