using Mnist.MLNet.Training.Optimization;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Losses;

/// <summary>Binary cross-entropy of one logit per row against a 0/1 target (<c>nn.BCEWithLogitsLoss</c>).</summary>
internal sealed unsafe class LogisticLoss : TrainingLoss
{
    public static LogisticLoss Instance { get; } = new();

    public override string Name => "binary cross-entropy";

    public override Tensor Targets(TrainingSet set) => tensor(set.Labels, [set.Count]);

    public override Tensor Targets(BatchGather.Batch batch) => batch.Targets;

    public override Tensor Mean(Tensor outputs, Tensor targets) =>
        nn.functional.binary_cross_entropy_with_logits(outputs.squeeze(1), targets.to_type(ScalarType.Float32));

    public override Tensor PerRow(Tensor outputs, Tensor targets) =>
        nn.functional.binary_cross_entropy_with_logits(outputs.squeeze(1), targets.to_type(ScalarType.Float32), reduction: nn.Reduction.None);

    public override long Correct(Tensor outputs, Tensor targets) =>
        outputs.squeeze(1).gt(0).eq(targets.to_type(ScalarType.Bool)).sum().item<long>();

    public override (double LossSum, long Correct) Backward(float* outputs, BatchGather.Batch batch, int rows, int width)
    {
        double lossSum = 0;
        long correct = 0;
        var shares = RowShares.Of(batch, rows);
        for (int r = 0; r < rows; r++)
        {
            float z = outputs[r];
            long y = batch.TargetsAddress[r];
            // log(1 + e^z) - y z, written so that neither exponential can overflow.
            lossSum += shares.InSum(r) * (Math.Max(z, 0f) - y * z + MathF.Log(1 + MathF.Exp(-Math.Abs(z))));
            if ((z > 0) == (y == 1)) correct++;
            float probability = z >= 0 ? 1 / (1 + MathF.Exp(-z)) : MathF.Exp(z) / (1 + MathF.Exp(z));
            outputs[r] = (probability - y) * shares[r];
        }
        return (lossSum, correct);
    }
}
