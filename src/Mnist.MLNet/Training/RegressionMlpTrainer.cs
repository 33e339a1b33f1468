using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet.Data;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Models;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training;

/// <summary>Trains a multilayer perceptron regressor with TorchSharp: the same network, optimizers and training loop
/// as <see cref="MlpTrainer"/>, with one output trained on squared error (or Huber loss).</summary>
/// <remarks>The label must be Single; the features a known-size Single vector. The label is standardised with the
/// training data's mean and standard deviation, so one learning rate suits any units; the fitted
/// <see cref="RegressionMlpTransformer"/>'s graph maps predictions back, so <c>Score</c> is in the label's units and
/// <c>Regression.Evaluate</c> and <c>CrossValidate</c> work unchanged.</remarks>
public sealed class RegressionMlpTrainer : ScalarMlpTrainer<RegressionMlpTransformer, RegressionMlpTrainer.Options>
{
    /// <summary>A trainer with the default options, in a fresh <see cref="MLContext"/>.</summary>
    public RegressionMlpTrainer() : this(new MLContext(), new Options()) { }

    /// <summary>A trainer with the given options.</summary>
    /// <param name="progress">Receives a report after every batch and every epoch.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary.</param>
    public RegressionMlpTrainer(MLContext mlContext, Options? options = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) : base(mlContext, options, progress, cancellationToken)
    {
        if (!Enum.IsDefined(TrainerOptions.Loss))
            throw new ArgumentOutOfRangeException(nameof(Options.Loss), TrainerOptions.Loss, "Unknown regression loss.");
        if (!(TrainerOptions.HuberDelta > 0 && double.IsFinite(TrainerOptions.HuberDelta)))
            throw new ArgumentOutOfRangeException(nameof(Options.HuberDelta), TrainerOptions.HuberDelta, "Must be positive and finite.");
    }

    private protected override DataViewType LabelType => NumberDataViewType.Single;

    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ScalarLabelSchema.Check(inputSchema, TrainerOptions, LabelType);
        // SchemaShape.Column cannot be built outside ML.NET; the Single label copied gives Score's shape.
        return MLContext.Transforms.CopyColumns(TrainerOptions.ScoreColumnName, TrainerOptions.LabelColumnName).GetOutputSchema(inputSchema);
    }

    private protected override RegressionMlpTransformer Train(IDataView input)
    {
        var options = TrainerOptions;
        var raw = TrainingSet.ReadValues(input, options.LabelColumnName, options.FeatureColumnName, Cancellation);
        var scaling = LabelScaling.Of(raw.Values!);
        var train = Standardised(raw, scaling);
        var valid = options.ValidationSet is { } v
            ? Standardised(TrainingSet.ReadValues(v, options.LabelColumnName, options.FeatureColumnName, Cancellation), scaling)
            : null;
        TrainingLoss loss = options.Loss == RegressionLossKind.Huber ? new HuberLoss(options.HuberDelta) : SquaredLoss.Instance;
        var (weights, history) = Engine.TrainNetwork(train, valid, outputs: 1, loss);

        var entries = new Dictionary<string, string>(TrainingOptionsEntries.From(options))
        {
            [nameof(Options.Loss)] = options.Loss.ToString(),
            [nameof(Options.HuberDelta)] = options.HuberDelta.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new RegressionMlpTransformer(MLContext, weights, options.FeatureColumnName, options.LabelColumnName, scaling,
            history, options.ScoreColumnName, entries, ImageShapeAnnotation.Read(input.Schema[options.FeatureColumnName]),
            InputColumnsAnnotation.Read(input.Schema[options.FeatureColumnName]));
    }

    private static TrainingSet Standardised(TrainingSet set, LabelScaling scaling) =>
        set.WithValues(Array.ConvertAll(set.Values!, scaling.Standardise));

    /// <summary>Options of <see cref="RegressionMlpTrainer"/>: every <see cref="MlpTrainer.Options"/> option, and the
    /// loss. Training and validation losses are reported on the standardised label.</summary>
    public sealed class Options : MlpTrainer.Options
    {
        /// <summary>Squared error (the default) or Huber loss.</summary>
        public RegressionLossKind Loss = RegressionLossKind.Squared;

        /// <summary>Where Huber loss turns from squared to linear, in standard deviations of the label (PyTorch's
        /// <c>delta</c>, default 1).</summary>
        public double HuberDelta = 1.0;
    }
}
