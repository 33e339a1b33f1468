using Mnist.MLNet.Scoring;

namespace Mnist.MLNet.Training;

/// <summary>What a training run decided where the options left it to the data, for any network (an MLP or a layer
/// stack): the model card records it.</summary>
/// <param name="History">Every epoch of the run that chose the length.</param>
/// <param name="HeldOutRows">Training rows set aside to decide when to stop; 0 when none were.</param>
/// <param name="BestEpoch">The epoch whose weights were kept (the last when nothing stopped early).</param>
/// <param name="StopReason">Why training ended, in words.</param>
/// <param name="BatchSize">The batch size trained with.</param>
/// <param name="WeightDecay">The L2 penalty trained with.</param>
/// <param name="Dropout">The MLP's dropout trained with (0 for a layer stack, which declares its own).</param>
internal sealed record TrainingDecisions(IReadOnlyList<EpochMetrics> History, int HeldOutRows, int BestEpoch, string StopReason,
    int BatchSize, double WeightDecay, double Dropout);
