using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet.Data;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Training.Tasks;

namespace Mnist.MLNet.Training;

/// <summary>Trains a multilayer perceptron binary classifier with TorchSharp: the same network, optimizers and training
/// loop as <see cref="MlpTrainer"/>, with one output trained on binary cross-entropy with logits
/// (<c>nn.BCEWithLogitsLoss</c>).</summary>
/// <remarks>The label must be Boolean; the features a known-size Single vector. The fitted
/// <see cref="BinaryMlpTransformer"/> adds <c>Score</c>, <c>Probability</c> and <c>PredictedLabel</c>, so
/// <c>BinaryClassification.Evaluate</c> and <c>CrossValidate</c> work; it scores through ONNX Runtime only.</remarks>
public sealed class BinaryMlpTrainer : IEstimator<BinaryMlpTransformer>
{
    private readonly MLContext _mlContext;
    private readonly Options _options;
    private readonly MlpTrainer _engine;
    private readonly CancellationToken _cancellation;

    /// <summary>A trainer with the default options, in a fresh <see cref="MLContext"/>.</summary>
    public BinaryMlpTrainer() : this(new MLContext(), new Options()) { }

    /// <summary>A trainer with the given options.</summary>
    /// <param name="progress">Receives a report after every batch and every epoch.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary.</param>
    public BinaryMlpTrainer(MLContext mlContext, Options? options = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        _options = options ?? new Options();
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.ProbabilityColumnName, nameof(Options.ProbabilityColumnName));
        _engine = new MlpTrainer(mlContext, _options, progress, cancellationToken);
        _mlContext = mlContext;
        _cancellation = cancellationToken;
    }

    /// <summary>The options this trainer uses.</summary>
    public Options TrainerOptions => _options;

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ScalarLabelSchema.Check(inputSchema, _options, BooleanDataViewType.Instance);
        // SchemaShape.Column cannot be built outside ML.NET; converting and copying the Boolean label yields
        // the columns' shapes: Score and Probability scalar Single, PredictedLabel Boolean.
        return _mlContext.Transforms.Conversion.ConvertType(_options.ScoreColumnName, _options.LabelColumnName, DataKind.Single)
            .Append(_mlContext.Transforms.Conversion.ConvertType(_options.ProbabilityColumnName, _options.LabelColumnName, DataKind.Single))
            .Append(_mlContext.Transforms.CopyColumns(_options.PredictionColumnName, _options.LabelColumnName))
            .GetOutputSchema(inputSchema);
    }

    /// <summary>Trains on <paramref name="input"/> and returns the fitted model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type; the message names it.</exception>
    /// <exception cref="TrainingDataException">A feature is not finite, or there are no rows.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="TrainingCanceledException">Training was cancelled.</exception>
    public BinaryMlpTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var labelType = BooleanDataViewType.Instance;
        int inputSize = ScalarLabelSchema.Check(input.Schema, _options, labelType, "training data");
        if (_options.ValidationSet is { } validation) ScalarLabelSchema.CheckValidation(validation, _options, labelType, inputSize);

        var keys = ScalarLabelSchema.BooleanKeys(_options.LabelColumnName);
        var train = TrainingSet.Read(input, _options.LabelColumnName, _options.FeatureColumnName, keys, _cancellation);
        var valid = _options.ValidationSet is { } v
            ? TrainingSet.Read(v, _options.LabelColumnName, _options.FeatureColumnName, keys, _cancellation)
            : null;
        var (weights, history) = _engine.TrainNetwork(train, valid, outputs: 1, LogisticLoss.Instance);
        return new BinaryMlpTransformer(_mlContext, weights, _options.FeatureColumnName, _options.LabelColumnName, history,
            _options.ScoreColumnName, _options.ProbabilityColumnName, _options.PredictionColumnName,
            TrainingOptionsEntries.From(_options), ImageShapeAnnotation.Read(input.Schema[_options.FeatureColumnName]));
    }

    /// <summary>Options of <see cref="BinaryMlpTrainer"/>: every <see cref="MlpTrainer.Options"/> option, and the
    /// probability column.</summary>
    public sealed class Options : MlpTrainer.Options
    {
        /// <summary>The output column of the probability of true.</summary>
        public string ProbabilityColumnName = DefaultProbabilityColumnName;

        /// <summary>ML.NET's name for a binary classifier's probability column.</summary>
        public const string DefaultProbabilityColumnName = "Probability";
    }
}
