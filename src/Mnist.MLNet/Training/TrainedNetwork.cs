using Mnist.MLNet.Network;

namespace Mnist.MLNet.Training;

/// <summary>What an MLP's training produced: the weights to keep, and what the trainer decided where the options left
/// it to the data (the model card records it).</summary>
/// <param name="Decisions">What any network's run decided: every epoch's metrics, held-out rows, the epoch kept, why
/// it stopped, batch size, weight decay and dropout.</param>
/// <param name="HiddenLayers">The widths trained.</param>
/// <param name="RefitEpochs">Epochs of the second run on every row, once the held-out rows chose the length; 0 when none.</param>
/// <param name="QuantileFeatures">"false", or how many features' quantiles the network read too ("3 of 13 features"),
/// folded into its first layers.</param>
internal sealed record TrainedNetwork(MlpWeights Weights, TrainingDecisions Decisions, int[] HiddenLayers, int RefitEpochs = 0,
    string QuantileFeatures = "false")
{
    /// <summary>Every epoch's metrics of the run that chose the length.</summary>
    public IReadOnlyList<EpochMetrics> History => Decisions.History;

    public void Deconstruct(out MlpWeights weights, out IReadOnlyList<EpochMetrics> history) => (weights, history) = (Weights, History);
}
