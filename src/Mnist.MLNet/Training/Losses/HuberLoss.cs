using Mnist.MLNet.Training.Optimization;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Losses;

/// <summary>Huber loss (<c>nn.HuberLoss</c>): squared below <c>delta</c>, linear above, so outlying targets pull
/// less than under squared error.</summary>
internal sealed unsafe class HuberLoss(double delta) : TrainingLoss
{
    private readonly float _delta = (float)delta;

    public override string Name => $"Huber (delta {delta})";

    public override bool CountsCorrect => false;

    public override Tensor Targets(TrainingSet set) => tensor(RegressionTargets.Of(set), [set.Count]);

    public override Tensor Targets(BatchGather.Batch batch) => RegressionTargets.Of(batch);

    public override Tensor Mean(Tensor outputs, Tensor targets) =>
        nn.functional.huber_loss(outputs.squeeze(1), targets, delta: delta);

    public override Tensor PerRow(Tensor outputs, Tensor targets) =>
        nn.functional.huber_loss(outputs.squeeze(1), targets, reduction: nn.Reduction.None, delta: delta);

    public override long Correct(Tensor outputs, Tensor targets) => 0;

    public override (double LossSum, long Correct) Backward(float* outputs, BatchGather.Batch batch, int rows, int width)
    {
        double lossSum = 0;
        var shares = RowShares.Of(batch, rows);
        float* targets = RegressionTargets.Address(batch);
        for (int r = 0; r < rows; r++)
        {
            float difference = outputs[r] - targets[r], size = Math.Abs(difference);
            lossSum += shares.InSum(r) * (size <= _delta ? 0.5f * difference * difference : _delta * (size - 0.5f * _delta));
            outputs[r] = (size <= _delta ? difference : _delta * MathF.Sign(difference)) * shares[r];
        }
        return (lossSum, 0);
    }
}
