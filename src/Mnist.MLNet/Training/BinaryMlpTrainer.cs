using Mnist.MLNet.Models;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training;

/// <summary>Trains a multilayer perceptron binary classifier with TorchSharp: the same network, optimizers and training
/// engine as <see cref="MlpTrainer"/>, with one output trained on binary cross-entropy with logits
/// (<c>nn.BCEWithLogitsLoss</c>).</summary>
/// <remarks>The label must be Boolean; the features a known-size Single vector. The fitted
/// <see cref="BinaryMlpTransformer"/> adds <c>Score</c>, <c>Probability</c> and <c>PredictedLabel</c>, so
/// <c>BinaryClassification.Evaluate</c> and <c>CrossValidate</c> work; it scores through ONNX Runtime only.</remarks>
/// <param name="options">The options; null for the defaults.</param>
/// <param name="progress">Receives a report after every batch and every epoch.</param>
/// <param name="cancellationToken">Stops training at the next batch boundary.</param>
public sealed class BinaryMlpTrainer(MLContext mlContext, BinaryMlpTrainer.Options? options = null,
    IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    : MlpTrainerBase<BinaryMlpTrainer.Options, BinaryMlpTransformer>(mlContext, options ?? new Options(), progress, cancellationToken)
{
    /// <summary>A trainer with the default options, in a fresh <see cref="MLContext"/>.</summary>
    public BinaryMlpTrainer() : this(new MLContext(MlpTrainer.Defaults.Seed)) { }

    private protected override DataViewType ScalarLabelType => BooleanDataViewType.Instance;

    private protected override SchemaShape OutputShape(SchemaShape inputSchema)
    {
        var options = TrainerOptions;
        // SchemaShape.Column cannot be built outside ML.NET; converting and copying the Boolean label yields
        // the columns' shapes: Score and Probability scalar Single, PredictedLabel Boolean.
        return MLContext.Transforms.Conversion.ConvertType(options.ScoreColumnName, options.LabelColumnName, DataKind.Single)
            .Append(MLContext.Transforms.Conversion.ConvertType(options.ProbabilityColumnName, options.LabelColumnName, DataKind.Single))
            .Append(MLContext.Transforms.CopyColumns(options.PredictionColumnName, options.LabelColumnName))
            .GetOutputSchema(inputSchema);
    }

    private protected override TrainingTask Prepare(IDataView input, DataViewSchema.Column label)
    {
        var options = TrainerOptions;
        var keys = ScalarLabelSchema.BooleanKeys(options.LabelColumnName);
        var train = TrainingSet.Read(input, options.LabelColumnName, options.FeatureColumnName, keys, Cancellation,
            options.ExampleWeightColumnName);
        var valid = options.ValidationSet is { } v
            ? TrainingSet.Read(v, options.LabelColumnName, options.FeatureColumnName, keys, Cancellation)
            : null;
        train = train.ScaledBy(options.ClassWeights.PerRow(train.Labels, classCount: 2));
        return new TrainingTask(train, valid, Outputs: 1, LogisticLoss.Instance, LogisticLoss.Instance);
    }

    private protected override BinaryMlpTransformer Create(TrainedNetwork trained, TrainingTask task, DataViewSchema.Column label, IReadOnlyList<int>? imageShape,
        IReadOnlyList<InputColumn>? inputColumns)
    {
        var options = TrainerOptions;
        var entries = TrainingOptionsEntries.From(options, trained);
        entries[nameof(Options.ClassWeights)] = options.ClassWeights.ToString();
        return new BinaryMlpTransformer(MLContext, trained.Weights, options.FeatureColumnName, options.LabelColumnName, trained.History,
            options.ScoreColumnName, options.ProbabilityColumnName, options.PredictionColumnName, entries, imageShape, inputColumns);
    }

    /// <summary>Options of <see cref="BinaryMlpTrainer"/>: every shared option, and the probability column.</summary>
    public sealed class Options : MlpTrainerOptions
    {
        /// <summary>The output column of the probability of true.</summary>
        public string ProbabilityColumnName = DefaultProbabilityColumnName;

        /// <summary>ML.NET's name for a binary classifier's probability column.</summary>
        public const string DefaultProbabilityColumnName = "Probability";

        /// <summary>How much each class's rows count in the training loss: none (the default), balanced, or two
        /// weights (false, true). On 2% positives the defaults find the rare class without it (docs/defaults.md).</summary>
        public ClassWeights ClassWeights = ClassWeights.None;

        internal override void Validate()
        {
            base.Validate();
            ArgumentException.ThrowIfNullOrWhiteSpace(ProbabilityColumnName, nameof(ProbabilityColumnName));
            ArgumentNullException.ThrowIfNull(ClassWeights, nameof(ClassWeights));
        }
    }
}
