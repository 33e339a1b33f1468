using Mnist.MLNet.Network;

namespace Mnist.MLNet.Training;

/// <summary>What a training run produced: the weights to keep, every epoch's metrics, and what the trainer decided
/// where the options left it to the data (the model card records it).</summary>
/// <param name="HiddenLayers">The widths trained.</param>
/// <param name="HeldOutRows">Training rows set aside to decide when to stop; 0 when none were.</param>
/// <param name="BestEpoch">The epoch whose weights were kept (the last when nothing stopped early).</param>
/// <param name="StopReason">Why training ended, in words.</param>
/// <param name="BatchSize">The batch size trained with.</param>
/// <param name="WeightDecay">The L2 penalty trained with.</param>
/// <param name="Dropout">The dropout trained with.</param>
/// <param name="RefitEpochs">Epochs of the second run on every row, once the held-out rows chose the length; 0 when none.</param>
/// <param name="QuantileFeatures">"false", or how many features' quantiles the network read too ("3 of 13 features"),
/// folded into its first layers.</param>
internal sealed record TrainedNetwork(MlpWeights Weights, IReadOnlyList<EpochMetrics> History, int[] HiddenLayers,
    int HeldOutRows, int BestEpoch, string StopReason, int BatchSize, double WeightDecay, double Dropout, int RefitEpochs = 0, string QuantileFeatures = "false")
{
    public void Deconstruct(out MlpWeights weights, out IReadOnlyList<EpochMetrics> history) => (weights, history) = (Weights, History);

    /// <summary>What the run decided, as any network's run reports it.</summary>
    public TrainingDecisions Decisions => new(History, HeldOutRows, BestEpoch, StopReason, BatchSize, WeightDecay, Dropout);
}
