namespace Mnist.MLNet.Scoring;

/// <summary>What the tutorial pipeline predicts for one <see cref="MnistImage"/>: the digit (after
/// <c>MapKeyToValue("PredictedLabel")</c>) and the probability of each class, in the label's key order.</summary>
public sealed class MnistPrediction
{
    public uint PredictedLabel { get; set; }

    public float[] Score { get; set; } = [];
}
