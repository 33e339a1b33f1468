using Mnist.MLNet.Network.Layers;
using Mnist.MLNet.Training.Schedules;

namespace Mnist.MLNet.Training;

public sealed partial class MlpTrainer
{
    /// <summary>Options of <see cref="MlpTrainer"/>: every shared option, and label smoothing, which only a
    /// multiclass loss has; the defaults reproduce the PyTorch MNIST tutorial.</summary>
    public sealed class Options : MlpTrainerOptions
    {
        /// <summary>Share of the target probability spread evenly over all classes in the training loss
        /// (PyTorch's <c>label_smoothing</c>); 0 is plain cross-entropy.</summary>
        public double LabelSmoothing;

        /// <summary>A declared stack of layers (convolutions, pooling, batch norm, ...) to train instead of the MLP of
        /// <see cref="MlpTrainerOptions.HiddenLayers"/>; the output layer is added for the classes. Null (the default)
        /// trains the MLP. <see cref="MlpTrainerOptions.Dropout"/> does not apply: declare dropout in the stack.</summary>
        public LayerStack? Layers;

        internal override void Validate()
        {
            base.Validate();
            if (!(LabelSmoothing >= 0 && LabelSmoothing < 1)) throw new ArgumentOutOfRangeException(nameof(LabelSmoothing), LabelSmoothing, "Must be in [0, 1).");
        }
    }

    /// <summary>Default option values, shared with the catalog extension.</summary>
    public static class Defaults
    {
        public const string LabelColumnName = "Label";
        public const string FeatureColumnName = "Features";
        public const int BatchSize = 64;
        public const int MaxEpoch = 5;
        public const double LearningRate = 1e-3;
        public const double LearningRateRatio = 1.0;
        public const double Momentum = 0.9;
        public const OptimizerKind Optimizer = OptimizerKind.Adam;
        public const LearningRateScheduleKind LearningRateSchedule = LearningRateScheduleKind.Linear;
        /// <summary>PyTorch's <c>OneCycleLR</c> default (<c>pct_start</c>).</summary>
        public const double WarmupFraction = 0.3;
        public static IReadOnlyList<int> HiddenLayers { get; } = [512, 256];
    }
}
