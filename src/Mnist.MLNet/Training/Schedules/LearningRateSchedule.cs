namespace Mnist.MLNet.Training.Schedules;

/// <summary>The factor applied to the base learning rate at each batch of a run.</summary>
/// <param name="Kind">The curve.</param>
/// <param name="StartRatio">Factor at the first batch (for one-cycle: where the warm-up starts).</param>
/// <param name="FinalRatio">Factor the curve ends at after the last batch.</param>
/// <param name="WarmupFraction">One-cycle only: the fraction of all batches spent warming up to the peak.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="BatchesPerEpoch">Batches in one epoch.</param>
public sealed record LearningRateSchedule(LearningRateScheduleKind Kind, double StartRatio, double FinalRatio,
    double WarmupFraction, int Epochs, int BatchesPerEpoch)
{
    /// <summary>The factor for batch <paramref name="batch"/> (from 0) of epoch <paramref name="epoch"/> (from 1).</summary>
    public double RatioAt(int epoch, int batch)
    {
        // Steps count batches already taken, as PyTorch's schedulers do when stepped after each optimizer step.
        double step = (double)(epoch - 1) * BatchesPerEpoch + batch, total = (double)Epochs * BatchesPerEpoch;
        switch (Kind)
        {
            case LearningRateScheduleKind.Constant:
                return 1;
            case LearningRateScheduleKind.Linear:
                double t = Epochs == 1 ? 0 : (epoch - 1) / (double)(Epochs - 1);
                return StartRatio + (FinalRatio - StartRatio) * t;
            case LearningRateScheduleKind.Cosine:
                return Anneal(StartRatio, FinalRatio, step / total);
            case LearningRateScheduleKind.OneCycle:
                double warmup = Math.Max(1, Math.Round(WarmupFraction * total));
                return step < warmup
                    ? Anneal(StartRatio, 1, step / warmup)
                    : Anneal(1, FinalRatio, (step - warmup) / Math.Max(1, total - warmup));
            default:
                throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown learning-rate schedule.");
        }
    }

    /// <summary>Whether the factor can change inside an epoch, so the trainer sets it before every batch.</summary>
    public bool PerBatch => Kind is LearningRateScheduleKind.Cosine or LearningRateScheduleKind.OneCycle;

    // From `from` at progress 0 to `to` at progress 1 along half a cosine.
    private static double Anneal(double from, double to, double progress) =>
        to + (from - to) * (1 + Math.Cos(Math.PI * Math.Clamp(progress, 0, 1))) / 2;
}
