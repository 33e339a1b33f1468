using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>Mean cross-entropy of logits against class indices, with its gradient and the count of correct argmax
/// predictions, in one managed pass: for ten classes this is less work than one libtorch call's overhead.</summary>
internal static unsafe class SoftmaxCrossEntropy
{
    /// <summary>Overwrites <paramref name="logits"/> [rows, classes] with d(mean loss)/d(logits); returns the summed
    /// loss (as <c>cross_entropy</c> computes it, before the mean) and the number of rows whose argmax is the target.</summary>
    /// <param name="labelSmoothing">As PyTorch's <c>label_smoothing</c>: the target is (1 - s) one-hot plus s / classes
    /// everywhere, so the loss gains s times the mean of -log p over classes and the gradient is p minus that target.</param>
    /// <param name="shares">Each row's share of the mean (1 / rows unless the rows carry example weights).</param>
    public static (double LossSum, long Correct) Backward(float* logits, long* targets, int rows, int classes, RowShares shares,
        float labelSmoothing = 0)
    {
        float spread = labelSmoothing / classes, keep = 1 - labelSmoothing;
        double lossSum = 0;
        long correct = 0;
        for (int r = 0; r < rows; r++)
        {
            float scale = shares[r];
            float* row = logits + (long)r * classes;
            int target = (int)targets[r], best = 0;
            float max = row[0];
            for (int c = 1; c < classes; c++)
                if (row[c] > max) { max = row[c]; best = c; }   // the first maximum, as argmax picks
            if (best == target) correct++;
            float sum = 0;
            for (int c = 0; c < classes; c++) sum += MathF.Exp(row[c] - max);
            float logSum = MathF.Log(sum);
            double shiftedSum = 0;
            if (spread != 0)
                for (int c = 0; c < classes; c++) shiftedSum += row[c] - max;
            lossSum += shares.InSum(r) * (logSum - keep * (row[target] - max) - spread * shiftedSum);   // keep + spread * classes = 1
            float inverse = 1f / sum;
            for (int c = 0; c < classes; c++) row[c] = (MathF.Exp(row[c] - max) * inverse - spread) * scale;
            row[target] -= keep * scale;
        }
        return (lossSum, correct);
    }
}
