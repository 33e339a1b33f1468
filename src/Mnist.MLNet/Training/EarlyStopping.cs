using Mnist.MLNet.Scoring;
using Mnist.MLNet.Network;

namespace Mnist.MLNet.Training;

/// <summary>Stops training once the validation loss has not improved for a number of epochs, and keeps the
/// weights of the best epoch.</summary>
/// <param name="patience">Epochs without a lower validation loss before stopping; 0 never stops.</param>
internal sealed class EarlyStopping<TWeights>(int patience, double bestValidationLoss, int epochsSinceBest, TWeights? best)
    where TWeights : class
{
    /// <summary>The lowest validation loss so far.</summary>
    public double BestValidationLoss { get; private set; } = bestValidationLoss;

    /// <summary>Epochs finished since <see cref="BestValidationLoss"/> was reached.</summary>
    public int EpochsSinceBest { get; private set; } = epochsSinceBest;

    /// <summary>The weights at <see cref="BestValidationLoss"/>; null until an epoch has improved on it.</summary>
    public TWeights? Best { get; private set; } = best;

    /// <summary>Resumes the policy where <paramref name="state"/> left it.</summary>
    public static EarlyStopping<TWeights> From(int patience, ResumeState state, TWeights? best) =>
        new(patience, state.BestValidationLoss, state.EpochsSinceBest, best);

    /// <summary>Takes a finished epoch's validation loss; true when training should stop.</summary>
    /// <param name="weights">Reads the model's weights, called only when the loss improved.</param>
    public bool ShouldStop(double? validationLoss, Func<TWeights> weights)
    {
        if (validationLoss is not double loss || patience == 0) return false;
        if (loss < BestValidationLoss)
        {
            (BestValidationLoss, EpochsSinceBest, Best) = (loss, 0, weights());
            return false;
        }
        if (EpochsSinceBest + 1 >= patience) return true;
        EpochsSinceBest++;
        return false;
    }

    /// <summary>Why training stopped after <paramref name="epoch"/>, for the log.</summary>
    public string Reason(int epoch) =>
        $"Early stopping after epoch {epoch}: no lower validation loss for {EpochsSinceBest + 1} epochs; " +
        $"keeping epoch {epoch - EpochsSinceBest - 1}.";
}
