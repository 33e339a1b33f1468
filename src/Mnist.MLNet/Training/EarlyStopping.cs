namespace Mnist.MLNet.Training;

/// <summary>Stops training once the validation loss has not improved for a number of epochs, and keeps the
/// weights of the best epoch.</summary>
/// <param name="patience">Epochs without a lower validation loss before stopping; 0 never stops.</param>
/// <param name="minEpoch">No stop before this epoch has finished.</param>
/// <param name="tolerance">A loss must fall by more than this fraction of the best so far to count as lower.</param>
internal sealed class EarlyStopping<TWeights>(int patience, int minEpoch, double tolerance, double bestValidationLoss, int epochsSinceBest, TWeights? best)
    where TWeights : class
{
    /// <summary>The lowest validation loss so far.</summary>
    public double BestValidationLoss { get; private set; } = bestValidationLoss;

    /// <summary>Epochs finished since <see cref="BestValidationLoss"/> was reached.</summary>
    public int EpochsSinceBest { get; private set; } = epochsSinceBest;

    /// <summary>The weights at <see cref="BestValidationLoss"/>; null until an epoch has improved on it.</summary>
    public TWeights? Best { get; private set; } = best;

    /// <summary>Resumes the policy where <paramref name="state"/> left it.</summary>
    public static EarlyStopping<TWeights> From(TrainingLength length, double tolerance, ResumeState state, TWeights? best) =>
        new(length.Patience, length.MinEpoch, tolerance, state.BestValidationLoss, state.EpochsSinceBest, best);

    /// <summary>Takes epoch <paramref name="epoch"/>'s validation loss; true when training should stop.</summary>
    /// <param name="weights">Reads the model's weights, called only when the loss improved.</param>
    public bool ShouldStop(int epoch, double? validationLoss, Func<TWeights> weights)
    {
        if (validationLoss is not double loss || patience == 0) return false;
        if (loss < BestValidationLoss * (1 - tolerance))
        {
            (BestValidationLoss, EpochsSinceBest, Best) = (loss, 0, weights());
            return false;
        }
        EpochsSinceBest++;
        return EpochsSinceBest >= patience && epoch >= minEpoch;
    }

    /// <summary>The epoch whose weights <see cref="Best"/> holds, once <paramref name="epoch"/> has finished.</summary>
    public int BestEpoch(int epoch) => Best is null ? epoch : epoch - EpochsSinceBest;

    /// <summary>Why training stopped after <paramref name="epoch"/>, for the log and the model card.</summary>
    public string Reason(int epoch) =>
        $"no lower validation loss for {EpochsSinceBest} epochs after epoch {epoch}; kept epoch {BestEpoch(epoch)}";
}
