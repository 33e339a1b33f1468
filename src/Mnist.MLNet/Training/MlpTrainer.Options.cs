using Mnist.MLNet.Network.Layers;
using Mnist.MLNet.Training.Schedules;

namespace Mnist.MLNet.Training;

public sealed partial class MlpTrainer
{
    /// <summary>Options of <see cref="MlpTrainer"/>: every shared option, and what only a classifier of several classes
    /// has: label smoothing, class weights and layer stacks.</summary>
    public sealed class Options : MlpTrainerOptions
    {
        /// <summary>Share of the target probability spread evenly over all classes in the training loss
        /// (PyTorch's <c>label_smoothing</c>); 0 is plain cross-entropy.</summary>
        public double LabelSmoothing;

        /// <summary>A declared stack of layers (convolutions, pooling, batch norm, ...) to train instead of the MLP of
        /// <see cref="MlpTrainerOptions.HiddenLayers"/>; the output layer is added for the classes. Null (the default)
        /// trains the MLP. As in Keras <c>Sequential</c> or <c>torch.nn.Sequential</c>, dropout is a layer of the stack
        /// (<c>drop0.25</c>); <see cref="MlpTrainerOptions.Dropout"/> must stay 0 with a stack.</summary>
        public LayerStack? Layers;

        /// <summary>How much each class's rows count in the training loss: none (the default, as the tutorial,
        /// scikit-learn and LightGBM), balanced, square-root balanced, or one weight per class in key order; multiplies
        /// any example weights. Weights trade accuracy for the rare classes' recall: on red wine quality square-root
        /// weights gave macro accuracy 0.382 where none gave 0.300, and accuracy 0.590 where none gave 0.610
        /// (docs/defaults.md).</summary>
        public ClassWeights ClassWeights = ClassWeights.None;

        internal override void Validate()
        {
            base.Validate();
            ArgumentNullException.ThrowIfNull(ClassWeights, nameof(ClassWeights));
            if (!(LabelSmoothing >= 0 && LabelSmoothing < 1)) throw new ArgumentOutOfRangeException(nameof(LabelSmoothing), LabelSmoothing, "Must be in [0, 1).");
            // Where a global rate would go in a declared stack is a guess; Keras and PyTorch users declare the layer.
            if (Layers is not null && Dropout > 0)
                throw new ArgumentException($"Dropout {Dropout} applies to the MLP of HiddenLayers, not to a layer stack: declare it " +
                    $"in Layers where it belongs (e.g. 'conv32k3,pool2,drop{Dropout.ToString(System.Globalization.CultureInfo.InvariantCulture)},dense128') and leave Dropout 0.", nameof(Dropout));
            if (Layers is not null && QuantileFeatures)
                throw new ArgumentException("QuantileFeatures applies to the MLP of HiddenLayers (tabular rows), not to a layer stack.", nameof(QuantileFeatures));
        }
    }

    /// <summary>Default option values, shared with the catalog extension.</summary>
    public static class Defaults
    {
        public const string LabelColumnName = "Label";
        public const string FeatureColumnName = "Features";
        /// <summary><see cref="MlpTrainerOptions.AutoBatchSize"/>: the batch size follows the rows.</summary>
        public const int BatchSize = MlpTrainerOptions.AutoBatchSize;
        /// <summary>The PyTorch tutorial's batch size, and the default's from 10,000 rows up.</summary>
        public const int TutorialBatchSize = 64;
        /// <summary><see cref="MlpTrainerOptions.AutoMaxEpoch"/>: the length adapts to the data.</summary>
        public const int MaxEpoch = MlpTrainerOptions.AutoMaxEpoch;
        /// <summary>The PyTorch tutorial's epochs.</summary>
        public const int TutorialMaxEpoch = 5;
        /// <summary>The seed of trainers made without an MLContext of yours (catalog methods, parameterless constructors).</summary>
        public const int Seed = 0;
        public const double LearningRate = 1e-3;
        public const double LearningRateRatio = 1.0;
        public const double Momentum = 0.9;
        public const OptimizerKind Optimizer = OptimizerKind.Adam;
        public const LearningRateScheduleKind LearningRateSchedule = LearningRateScheduleKind.Linear;
        /// <summary>PyTorch's <c>OneCycleLR</c> default (<c>pct_start</c>).</summary>
        public const double WarmupFraction = 0.3;
        /// <summary>The tutorial's network, which the data rule picks from 10,000 training rows up.</summary>
        public static IReadOnlyList<int> HiddenLayers { get; } = [512, 256];
    }
}
