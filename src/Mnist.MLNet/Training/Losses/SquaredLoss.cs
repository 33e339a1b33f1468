using Mnist.MLNet.Training.Optimization;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Losses;

/// <summary>Mean squared error of one output per row against a (standardised) value (<c>nn.MSELoss</c>).</summary>
internal sealed unsafe class SquaredLoss : TrainingLoss
{
    public static SquaredLoss Instance { get; } = new();

    public override string Name => "squared error";

    public override bool CountsCorrect => false;

    public override Tensor Targets(TrainingSet set) => tensor(RegressionTargets.Of(set), [set.Count]);

    public override Tensor Targets(BatchGather.Batch batch) => RegressionTargets.Of(batch);

    public override Tensor Mean(Tensor outputs, Tensor targets) => nn.functional.mse_loss(outputs.squeeze(1), targets);

    public override Tensor PerRow(Tensor outputs, Tensor targets) =>
        nn.functional.mse_loss(outputs.squeeze(1), targets, reduction: nn.Reduction.None);

    public override long Correct(Tensor outputs, Tensor targets) => 0;

    public override (double LossSum, long Correct) Backward(float* outputs, BatchGather.Batch batch, int rows, int width)
    {
        double lossSum = 0;
        var shares = RowShares.Of(batch, rows);
        float* targets = RegressionTargets.Address(batch);
        for (int r = 0; r < rows; r++)
        {
            float difference = outputs[r] - targets[r];
            lossSum += shares.InSum(r) * difference * difference;
            outputs[r] = 2 * difference * shares[r];
        }
        return (lossSum, 0);
    }
}
