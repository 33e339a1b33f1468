using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet.Data;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Training.Tasks;

namespace Mnist.MLNet.Training;

/// <summary>Trains a multilayer perceptron regressor with TorchSharp: the same network, optimizers and training loop
/// as <see cref="MlpTrainer"/>, with one output trained on squared error (or Huber loss).</summary>
/// <remarks>The label must be Single; the features a known-size Single vector. The label is standardised with the
/// training data's mean and standard deviation, so one learning rate suits any units; the fitted
/// <see cref="RegressionMlpTransformer"/>'s graph maps predictions back, so <c>Score</c> is in the label's units and
/// <c>Regression.Evaluate</c> and <c>CrossValidate</c> work unchanged.</remarks>
public sealed class RegressionMlpTrainer : IEstimator<RegressionMlpTransformer>
{
    private readonly MLContext _mlContext;
    private readonly Options _options;
    private readonly MlpTrainer _engine;
    private readonly CancellationToken _cancellation;

    /// <summary>A trainer with the default options, in a fresh <see cref="MLContext"/>.</summary>
    public RegressionMlpTrainer() : this(new MLContext(), new Options()) { }

    /// <summary>A trainer with the given options.</summary>
    /// <param name="progress">Receives a report after every batch and every epoch.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary.</param>
    public RegressionMlpTrainer(MLContext mlContext, Options? options = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        _options = options ?? new Options();
        if (!Enum.IsDefined(_options.Loss))
            throw new ArgumentOutOfRangeException(nameof(Options.Loss), _options.Loss, "Unknown regression loss.");
        if (!(_options.HuberDelta > 0 && double.IsFinite(_options.HuberDelta)))
            throw new ArgumentOutOfRangeException(nameof(Options.HuberDelta), _options.HuberDelta, "Must be positive and finite.");
        _engine = new MlpTrainer(mlContext, _options, progress, cancellationToken);
        _mlContext = mlContext;
        _cancellation = cancellationToken;
    }

    /// <summary>The options this trainer uses.</summary>
    public Options TrainerOptions => _options;

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ScalarLabelSchema.Check(inputSchema, _options, NumberDataViewType.Single);
        // SchemaShape.Column cannot be built outside ML.NET; the Single label copied gives Score's shape.
        return _mlContext.Transforms.CopyColumns(_options.ScoreColumnName, _options.LabelColumnName).GetOutputSchema(inputSchema);
    }

    /// <summary>Trains on <paramref name="input"/> and returns the fitted model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type; the message names it.</exception>
    /// <exception cref="TrainingDataException">A label or feature is not finite, or there are no rows.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="TrainingCanceledException">Training was cancelled.</exception>
    public RegressionMlpTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var labelType = NumberDataViewType.Single;
        int inputSize = ScalarLabelSchema.Check(input.Schema, _options, labelType, "training data");
        if (_options.ValidationSet is { } validation) ScalarLabelSchema.CheckValidation(validation, _options, labelType, inputSize);

        var raw = TrainingSet.ReadValues(input, _options.LabelColumnName, _options.FeatureColumnName, _cancellation);
        var scaling = LabelScaling.Of(raw.Values!);
        var train = Standardised(raw, scaling);
        var valid = _options.ValidationSet is { } v
            ? Standardised(TrainingSet.ReadValues(v, _options.LabelColumnName, _options.FeatureColumnName, _cancellation), scaling)
            : null;
        TrainingLoss loss = _options.Loss == RegressionLossKind.Huber ? new HuberLoss(_options.HuberDelta) : SquaredLoss.Instance;
        var (weights, history) = _engine.TrainNetwork(train, valid, outputs: 1, loss);

        var entries = new Dictionary<string, string>(TrainingOptionsEntries.From(_options))
        {
            [nameof(Options.Loss)] = _options.Loss.ToString(),
            [nameof(Options.HuberDelta)] = _options.HuberDelta.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new RegressionMlpTransformer(_mlContext, weights, _options.FeatureColumnName, _options.LabelColumnName, scaling,
            history, _options.ScoreColumnName, entries, ImageShapeAnnotation.Read(input.Schema[_options.FeatureColumnName]));
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
