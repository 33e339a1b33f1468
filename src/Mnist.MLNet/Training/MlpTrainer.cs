using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Mnist.MLNet.Data;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Training.Augmentation;
using Mnist.MLNet.Models;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training;

/// <summary>
/// Trains a multilayer perceptron classifier with TorchSharp: the PyTorch MNIST tutorial's network
/// (784-512-256-10, ReLU, cross-entropy, Adam 1e-3, batches of 64 reshuffled every epoch) as an ML.NET estimator.
/// </summary>
/// <remarks>The label must be a key column (use <c>MapValueToKey</c>); the features a known-size Single vector.
/// The fitted <see cref="MlpTransformer"/> scores through ONNX Runtime and never loads libtorch.</remarks>
public sealed partial class MlpTrainer : IEstimator<MlpTransformer>
{
    private readonly MLContext _mlContext;
    private readonly IHost _host;
    private readonly Options _options;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly CancellationToken _cancellation;

    /// <summary>A trainer with the tutorial's defaults, in a fresh <see cref="MLContext"/>.</summary>
    public MlpTrainer() : this(new MLContext(), new Options()) { }

    /// <summary>A trainer with the given options.</summary>
    /// <param name="progress">Receives a report after every batch and every epoch.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary; <see cref="Fit"/> then throws
    /// <see cref="OperationCanceledException"/>.</param>
    public MlpTrainer(MLContext mlContext, Options? options = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        _options = options ?? new Options();
        _options.Validate();
        _mlContext = mlContext;
        _host = ((IHostEnvironment)mlContext).Register(nameof(MlpTrainer));
        _progress = progress;
        _cancellation = cancellationToken;
    }

    /// <summary>The options this trainer uses.</summary>
    public Options TrainerOptions => _options;

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var label = inputSchema.FirstOrDefault(c => c.Name == _options.LabelColumnName);
        if (label.Name is null)
            throw SchemaError($"Could not find label column '{_options.LabelColumnName}'.");
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || !label.IsKey)
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected Key, got {Describe(label)}. " +
                              "Add mlContext.Transforms.Conversion.MapValueToKey before the trainer.");
        var features = inputSchema.FirstOrDefault(c => c.Name == _options.FeatureColumnName);
        if (features.Name is null)
            throw SchemaError($"Could not find feature column '{_options.FeatureColumnName}'.");
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw SchemaError($"Schema mismatch for feature column '{features.Name}': expected known-size vector of Single, got {Describe(features)}.");

        // SchemaShape.Column cannot be built outside ML.NET; copying columns of the right shape yields them:
        // Score is a known-size Single vector like Features, PredictedLabel a key like Label (with its key values).
        return _mlContext.Transforms.CopyColumns(_options.ScoreColumnName, features.Name)
            .Append(_mlContext.Transforms.CopyColumns(_options.PredictionColumnName, label.Name))
            .GetOutputSchema(inputSchema);
    }

    /// <summary>Trains on <paramref name="input"/> and returns the fitted model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type; the message names it.</exception>
    /// <exception cref="TrainingDataException">A label is missing, a feature is not finite, or there are no rows.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="TrainingCanceledException">Training was cancelled; it stopped at a batch boundary (and wrote a
    /// checkpoint when a checkpoint directory is set).</exception>
    /// <exception cref="CheckpointMismatchException">Resuming from a checkpoint written with other options or data.</exception>
    public MlpTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (label, inputSize) = CheckSchema(input.Schema, "training data");
        if (_options.Augmentation is { } augmentation) BatchAugmenter.CheckShape(augmentation, inputSize, _options.FeatureColumnName);
        if (_options.ValidationSet is { } validation)
        {
            var (_, validationSize) = CheckSchema(validation.Schema, nameof(Options.ValidationSet), label);
            if (validationSize != inputSize)
                throw SchemaError($"Schema mismatch for feature column '{_options.FeatureColumnName}' of {nameof(Options.ValidationSet)}: " +
                                  $"expected Vector<Single, {inputSize}> as in the training data, got Vector<Single, {validationSize}>.");
        }

        var train = TrainingSet.Read(input, label.Name, _options.FeatureColumnName, LabelKeys.For(label, label), _cancellation);
        var valid = _options.ValidationSet is { } v
            ? TrainingSet.Read(v, _options.LabelColumnName, _options.FeatureColumnName,
                LabelKeys.For(label, v.Schema[_options.LabelColumnName]), _cancellation)
            : null;
        int classCount = (int)((KeyDataViewType)label.Type).Count;
        var (weights, history) = TrainNetwork(train, valid, classCount, CrossEntropyLoss.Instance);
        return new MlpTransformer(_mlContext, weights, _options.FeatureColumnName, label, history,
            _options.ScoreColumnName, _options.PredictionColumnName, TrainingOptionsEntries.From(_options),
            ImageShapeAnnotation.Read(input.Schema[_options.FeatureColumnName]),
            InputColumnsAnnotation.Read(input.Schema[_options.FeatureColumnName]));
    }

    private (DataViewSchema.Column Label, int InputSize) CheckSchema(DataViewSchema schema, string what, DataViewSchema.Column? trainingLabel = null)
    {
        var label = schema.GetColumnOrNull(_options.LabelColumnName)
            ?? throw SchemaError($"Could not find label column '{_options.LabelColumnName}' in the {what}.");
        if (trainingLabel is null && label.Type is not KeyDataViewType)
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected Key, got {label.Type}. " +
                              "Add mlContext.Transforms.Conversion.MapValueToKey before the trainer.");
        if (label.Type is KeyDataViewType key && key.RawType != typeof(uint))
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected Key<UInt32>, got {label.Type}.");
        var features = schema.GetColumnOrNull(_options.FeatureColumnName)
            ?? throw SchemaError($"Could not find feature column '{_options.FeatureColumnName}' in the {what}.");
        if (features.Type is not VectorDataViewType { IsKnownSize: true, ItemType: var item, Size: var size } || item != NumberDataViewType.Single)
            throw SchemaError($"Schema mismatch for feature column '{features.Name}': expected known-size vector of Single, got {features.Type}.");
        return (label, size);
    }

    private static ArgumentOutOfRangeException SchemaError(string message) => new("inputSchema", message);

    private static string Describe(SchemaShape.Column column) =>
        (column.Kind == SchemaShape.Column.VectorKind.Scalar ? "" : column.Kind + " of ") + column.ItemType + (column.IsKey ? " key" : "");
}
