namespace Mnist.MLNet.Training.Schedules;

/// <summary>How the learning rate moves during training; see <see cref="LearningRateSchedule"/> for each curve.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The ratio moves linearly from the start ratio (first epoch) to the final ratio (last epoch),
    /// changing once per epoch, as Microsoft.ML.TorchSharp's trainers do. With both ratios 1: constant.</summary>
    Linear,

    /// <summary>Always the base learning rate; the ratios are ignored.</summary>
    Constant,

    /// <summary>Half a cosine from the start ratio to the final ratio, per batch (PyTorch's <c>CosineAnnealingLR</c>).</summary>
    Cosine,

    /// <summary>Warm-up along half a cosine from the start ratio to 1, then down along half a cosine to the final
    /// ratio, per batch (PyTorch's <c>OneCycleLR</c> with its default cosine annealing).</summary>
    OneCycle,
}
