using System.Globalization;
using Mnist.MLNet.Network;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training;

/// <summary>The binary classifier's decision threshold when the options leave it to the data
/// (<see cref="BinaryMlpTrainer.Options.AutoDecisionThreshold"/>): one half, unless positives are rare among fewer than
/// 10,000 training rows, and then the threshold with the best F1 on those rows.</summary>
/// <remarks>With 2% positives a network ranks the rare class well (AUC above 0.99) but its probabilities cross one
/// half in the wrong place, so F1 and recall at one half say little of what it learned. The small-data weight decay
/// keeps the network from memorising its training rows, which is what lets a cut chosen on them carry over to new
/// rows (docs/defaults.md: without it the chosen cut lowered F1).</remarks>
internal static class DecisionThresholds
{
    /// <summary>The threshold of ML.NET's binary trainers, kept whenever positives are not rare.</summary>
    public const double OneHalf = 0.5;

    /// <summary>Below this share of positive training rows the threshold is tuned for F1.</summary>
    public const double RarePositiveShare = 0.1;

    // Keeps the threshold strictly between 0 and 1 where a logit is large enough to round its probability to 0 or 1.
    private const double Margin = 1e-6;

    /// <summary>The threshold for a network of <paramref name="weights"/> trained on <paramref name="rows"/>, and how
    /// it was chosen, in words for the model card.</summary>
    public static (double Threshold, string Rule) Choose(MlpWeights weights, TrainingSet rows)
    {
        long positives = rows.Labels.LongCount(label => label == 1);
        double share = (double)positives / rows.Count;
        if (!DataDefaults.IsSmall(rows.Count))
            return (OneHalf, $"one half: {rows.Count} training rows are {DataDefaults.LargeRows} or more");
        if (!PositivesAreRare(positives, rows.Count))
            return (OneHalf, $"one half: {share.ToString("P1", CultureInfo.InvariantCulture)} of the training rows are positive");
        double cut = BestF1Cut(Logits(weights, rows), rows.Labels);
        double threshold = Math.Clamp(1 / (1 + Math.Exp(-cut)), Margin, 1 - Margin);
        return (threshold, $"best F1 on the {rows.Count} training rows, of which {share.ToString("P1", CultureInfo.InvariantCulture)} are positive");
    }

    /// <summary>Whether <paramref name="positives"/> of <paramref name="rows"/> are rare: some, but under
    /// <see cref="RarePositiveShare"/>; the threshold rule and the small-data dropout both read it.</summary>
    public static bool PositivesAreRare(long positives, long rows) => positives > 0 && (double)positives / rows < RarePositiveShare;

    /// <summary>The logit between two neighbouring rows, ranked by logit, above which calling rows positive gives the
    /// best F1 on these rows.</summary>
    internal static double BestF1Cut(float[] logits, long[] labels)
    {
        var order = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).ToArray();
        long positives = labels.LongCount(label => label == 1);
        long truePositives = 0;
        double bestF1 = -1, cut = 0;
        // Calling the first k + 1 rows positive: F1 = 2 TP / (predicted + actual positives). Ties are cut together.
        for (int k = 0; k < order.Length - 1; k++)
        {
            if (labels[order[k]] == 1) truePositives++;
            float here = logits[order[k]], next = logits[order[k + 1]];
            if (here == next) continue;
            double f1 = 2.0 * truePositives / (k + 1 + positives);
            if (f1 > bestF1) (bestF1, cut) = (f1, ((double)here + next) / 2);
        }
        return cut;
    }

    // The network's logit for every row, in one no-grad batch (rows are few here).
    private static float[] Logits(MlpWeights weights, TrainingSet rows)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var network = MlpModule.FromWeights(weights);
        network.eval();
        return network.forward(tensor(rows.Features, [rows.Count, rows.InputSize])).data<float>().ToArray();
    }
}
