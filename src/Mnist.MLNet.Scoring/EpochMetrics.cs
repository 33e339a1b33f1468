namespace Mnist.MLNet.Scoring;

// In the scoring assembly because a model card carries the training history, and a serving app reads the card
// without the trainer.

/// <summary>Figures of one finished epoch.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="ValidationLoss">Null when no validation set was given.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double Seconds,
    double SamplesPerSecond);
