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
        return new TrainingTask(train, valid, Outputs: 1, LogisticLoss.Instance, LogisticLoss.Instance,
            SmallDataDropout: DataDefaults.SmallDataDropout(train.Labels.LongCount(l => l == 1), train.Count));
    }

    private protected override BinaryMlpTransformer Create(TrainedNetwork trained, TrainingTask task, DataViewSchema.Column label, IReadOnlyList<int>? imageShape,
        IReadOnlyList<InputColumn>? inputColumns)
    {
        var options = TrainerOptions;
        var (threshold, rule) = options.DecisionThreshold == Options.AutoDecisionThreshold
            ? DecisionThresholds.Choose(trained.Weights, task.Train)
            : (options.DecisionThreshold, "given");
        var entries = TrainingOptionsEntries.From(options, trained);
        entries[nameof(Options.ClassWeights)] = options.ClassWeights.ToString();
        entries[nameof(Options.DecisionThreshold)] = TrainingOptionsEntries.Text(threshold);
        entries["DecisionThresholdRule"] = rule;
        return new BinaryMlpTransformer(MLContext, trained.Weights, options.FeatureColumnName, options.LabelColumnName, trained.History,
            options.ScoreColumnName, options.ProbabilityColumnName, options.PredictionColumnName, entries, imageShape, inputColumns, threshold);
    }

    /// <summary>Options of <see cref="BinaryMlpTrainer"/>: every shared option, and the probability column.</summary>
    public sealed class Options : MlpTrainerOptions
    {
        /// <summary>The output column of the probability of true.</summary>
        public string ProbabilityColumnName = DefaultProbabilityColumnName;

        /// <summary>ML.NET's name for a binary classifier's probability column.</summary>
        public const string DefaultProbabilityColumnName = "Probability";

        /// <summary>How much each class's rows count in the training loss: none (the default), balanced,
        /// square-root balanced, or two weights (false, true). With rare positives the default threshold, rather than
        /// weights, decides how many rows are called positive: on five sets of 2-4% positives no weights with the
        /// chosen threshold gave the best F1 on every one (docs/defaults.md).</summary>
        public ClassWeights ClassWeights = ClassWeights.None;

        /// <summary><see cref="DecisionThreshold"/>'s default: one half, unless fewer than 10% of fewer than 10,000
        /// training rows are positive; then the threshold with the best F1 on the training rows. The model card
        /// records the threshold chosen and why (<c>DecisionThresholdRule</c>).</summary>
        public const double AutoDecisionThreshold = 0;

        /// <summary>The probability from which <c>PredictedLabel</c> is true; <see cref="AutoDecisionThreshold"/> (the
        /// default) lets the trainer choose. A lower one finds more of a rare class at the cost of precision.
        /// <c>Score</c> is the logit less this threshold's logit, so that, as for ML.NET's binary trainers,
        /// <c>PredictedLabel</c> is <c>Score &gt; 0</c>.</summary>
        public double DecisionThreshold = AutoDecisionThreshold;

        internal override void Validate()
        {
            base.Validate();
            ArgumentException.ThrowIfNullOrWhiteSpace(ProbabilityColumnName, nameof(ProbabilityColumnName));
            ArgumentNullException.ThrowIfNull(ClassWeights, nameof(ClassWeights));
            if (!(DecisionThreshold > 0 && DecisionThreshold < 1) && DecisionThreshold != AutoDecisionThreshold)
                throw new ArgumentOutOfRangeException(nameof(DecisionThreshold), DecisionThreshold,
                    $"Must be between 0 and 1, exclusive, or {nameof(AutoDecisionThreshold)} ({AutoDecisionThreshold}) to let the trainer choose.");
        }
    }
}
