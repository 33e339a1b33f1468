using System.Globalization;
using Mnist.MLNet.Models;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training;

/// <summary>Trains a multilayer perceptron regressor with TorchSharp: the same network, optimizers and training engine
/// as <see cref="MlpTrainer"/>, with one output trained on squared error (or Huber loss).</summary>
/// <remarks>The label must be Single; the features a known-size Single vector. The label is standardised with the
/// training data's mean and standard deviation, so one learning rate suits any units; the fitted
/// <see cref="RegressionMlpTransformer"/>'s graph maps predictions back, so <c>Score</c> is in the label's units and
/// <c>Regression.Evaluate</c> and <c>CrossValidate</c> work unchanged.</remarks>
/// <param name="options">The options; null for the defaults.</param>
/// <param name="progress">Receives a report after every batch and every epoch.</param>
/// <param name="cancellationToken">Stops training at the next batch boundary.</param>
public sealed class RegressionMlpTrainer(MLContext mlContext, RegressionMlpTrainer.Options? options = null,
    IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    : MlpTrainerBase<RegressionMlpTrainer.Options, RegressionMlpTransformer>(mlContext, options ?? new Options(), progress, cancellationToken)
{
    /// <summary>A trainer with the default options, in a fresh <see cref="MLContext"/>.</summary>
    public RegressionMlpTrainer() : this(new MLContext(MlpTrainer.Defaults.Seed)) { }

    private protected override DataViewType ScalarLabelType => NumberDataViewType.Single;

    private protected override SchemaShape OutputShape(SchemaShape inputSchema) =>
        // SchemaShape.Column cannot be built outside ML.NET; the Single label copied gives Score's shape.
        MLContext.Transforms.CopyColumns(TrainerOptions.ScoreColumnName, TrainerOptions.LabelColumnName).GetOutputSchema(inputSchema);

    private protected override TrainingTask Prepare(IDataView input, DataViewSchema.Column label)
    {
        var options = TrainerOptions;
        var raw = TrainingSet.ReadValues(input, options.LabelColumnName, options.FeatureColumnName, Cancellation,
            options.ExampleWeightColumnName);
        var scaling = LabelScaling.Of(raw.Values!);
        var valid = options.ValidationSet is { } v
            ? Standardised(TrainingSet.ReadValues(v, options.LabelColumnName, options.FeatureColumnName, Cancellation), scaling)
            : null;
        TrainingLoss loss = options.Loss == RegressionLossKind.Huber ? new HuberLoss(options.HuberDelta) : SquaredLoss.Instance;
        return new TrainingTask(Standardised(raw, scaling), valid, Outputs: 1, loss, loss, scaling);
    }

    private protected override RegressionMlpTransformer Create(TrainedNetwork trained, TrainingTask task, DataViewSchema.Column label, IReadOnlyList<int>? imageShape,
        IReadOnlyList<InputColumn>? inputColumns)
    {
        var options = TrainerOptions;
        var entries = TrainingOptionsEntries.From(options, trained);
        entries[nameof(Options.Loss)] = options.Loss.ToString();
        entries[nameof(Options.HuberDelta)] = options.HuberDelta.ToString(CultureInfo.InvariantCulture);
        return new RegressionMlpTransformer(MLContext, trained.Weights, options.FeatureColumnName, options.LabelColumnName, task.Scaling!,
            trained.History, options.ScoreColumnName, entries, imageShape, inputColumns);
    }

    private static TrainingSet Standardised(TrainingSet set, LabelScaling scaling) =>
        set.WithValues(Array.ConvertAll(set.Values!, scaling.Standardise));

    /// <summary>Options of <see cref="RegressionMlpTrainer"/>: every shared option, and the loss. Training and
    /// validation losses are reported on the standardised label.</summary>
    public sealed class Options : MlpTrainerOptions
    {
        /// <summary>Squared error (the default) or Huber loss.</summary>
        public RegressionLossKind Loss = RegressionLossKind.Squared;

        /// <summary>Where Huber loss turns from squared to linear, in standard deviations of the label (PyTorch's
        /// <c>delta</c>, default 1).</summary>
        public double HuberDelta = 1.0;

        internal override void Validate()
        {
            base.Validate();
            if (!Enum.IsDefined(Loss))
                throw new ArgumentOutOfRangeException(nameof(Loss), Loss, "Unknown regression loss.");
            if (!(HuberDelta > 0 && double.IsFinite(HuberDelta)))
                throw new ArgumentOutOfRangeException(nameof(HuberDelta), HuberDelta, "Must be positive and finite.");
        }
    }
}
