namespace Mnist.MLNet.Scoring;

/// <summary>How a regression label was standardised for training: the network predicts
/// <c>(label - Mean) / StandardDeviation</c>, and the saved graph maps its output back.</summary>
/// <param name="Mean">The training labels' mean.</param>
/// <param name="StandardDeviation">Their population standard deviation (1 when they were all equal).</param>
public sealed record LabelScaling(double Mean, double StandardDeviation)
{
    /// <summary>The scaling of <paramref name="labels"/>: their mean and standard deviation.</summary>
    public static LabelScaling Of(IReadOnlyList<float> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) return new LabelScaling(0, 1);
        double mean = labels.Average(v => (double)v);
        double deviation = Math.Sqrt(labels.Average(v => (v - mean) * (v - mean)));
        // Constant labels: any scale fits, and dividing by zero would not.
        return new LabelScaling(mean, deviation > 0 ? deviation : 1);
    }

    /// <summary>The standardised value of <paramref name="label"/>.</summary>
    public float Standardise(float label) => (float)((label - Mean) / StandardDeviation);

    /// <summary>The label a standardised prediction stands for.</summary>
    public float Restore(float standardised) => (float)(standardised * StandardDeviation + Mean);
}
