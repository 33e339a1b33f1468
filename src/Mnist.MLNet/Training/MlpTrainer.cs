using Mnist.MLNet.Models;
using Mnist.MLNet.Data;
using Mnist.MLNet.Network.Layers;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training;

/// <summary>
/// Trains a multilayer perceptron classifier with TorchSharp: the PyTorch MNIST tutorial's network
/// (784-512-256-10, ReLU, cross-entropy, Adam 1e-3, batches of 64 reshuffled every epoch) as an ML.NET trainer.
/// </summary>
/// <remarks>The label must be a key column (use <c>MapValueToKey</c>); the features a known-size Single vector.
/// The fitted <see cref="MlpTransformer"/> scores through ONNX Runtime and never loads libtorch.</remarks>
public sealed partial class MlpTrainer : MlpTrainerBase<MlpTrainer.Options, MlpTransformer>
{
    /// <summary>A trainer with the tutorial's defaults, in a fresh <see cref="MLContext"/>.</summary>
    public MlpTrainer() : this(new MLContext(Defaults.Seed), new Options()) { }

    /// <summary>A trainer with the given options.</summary>
    /// <param name="progress">Receives a report after every batch and every epoch.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary; <c>Fit</c> then throws
    /// <see cref="OperationCanceledException"/>.</param>
    public MlpTrainer(MLContext mlContext, Options? options = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) : base(mlContext, options ?? new Options(), progress, cancellationToken)
    { }

    private protected override void CheckLabel(SchemaShape.Column label)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || !label.IsKey)
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected Key, got {Describe(label)}. " +
                              "Add mlContext.Transforms.Conversion.MapValueToKey before the trainer.");
    }

    private protected override void CheckLabel(DataViewSchema.Column label, string what, DataViewSchema.Column? trainingLabel)
    {
        // A validation set may hold the raw label values; they are looked up in the training label's key values.
        if (trainingLabel is null && label.Type is not KeyDataViewType)
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected Key, got {label.Type}. " +
                              "Add mlContext.Transforms.Conversion.MapValueToKey before the trainer.");
        if (label.Type is KeyDataViewType key && key.RawType != typeof(uint))
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected Key<UInt32>, got {label.Type}.");
    }

    private protected override SchemaShape OutputShape(SchemaShape inputSchema) =>
        // SchemaShape.Column cannot be built outside ML.NET; copying columns of the right shape yields them:
        // Score is a known-size Single vector like Features, PredictedLabel a key like Label (with its key values).
        MLContext.Transforms.CopyColumns(TrainerOptions.ScoreColumnName, TrainerOptions.FeatureColumnName)
            .Append(MLContext.Transforms.CopyColumns(TrainerOptions.PredictionColumnName, TrainerOptions.LabelColumnName))
            .GetOutputSchema(inputSchema);

    private protected override TrainingTask Prepare(IDataView input, DataViewSchema.Column label)
    {
        var options = TrainerOptions;
        var train = TrainingSet.Read(input, label.Name, options.FeatureColumnName, LabelKeys.For(label, label), Cancellation,
            options.ExampleWeightColumnName);
        var valid = options.ValidationSet is { } v
            ? TrainingSet.Read(v, options.LabelColumnName, options.FeatureColumnName,
                LabelKeys.For(label, v.Schema[options.LabelColumnName]), Cancellation)
            : null;
        // Label smoothing shapes the training loss only; validation reports plain cross-entropy, as PyTorch users read it.
        var loss = options.LabelSmoothing > 0 ? new CrossEntropyLoss(options.LabelSmoothing) : CrossEntropyLoss.Instance;
        int classCount = (int)((KeyDataViewType)label.Type).Count;
        train = train.ScaledBy(options.ClassWeights.PerRow(train.Labels, classCount));
        return new TrainingTask(train, valid, classCount, loss, CrossEntropyLoss.Instance);
    }

    private protected override MlpTransformer Create(TrainedNetwork trained, TrainingTask task, DataViewSchema.Column label,
        IReadOnlyList<int>? imageShape,
        IReadOnlyList<InputColumn>? inputColumns)
    {
        var options = TrainerOptions;
        return new MlpTransformer(MLContext, trained.Weights, options.FeatureColumnName, label, trained.History,
            options.ScoreColumnName, options.PredictionColumnName, Entries(TrainingOptionsEntries.From(options, trained)), imageShape, inputColumns);
    }

    // A stack that does not fit the features is refused here, before any row is read.
    private protected override void CheckNetwork(DataViewSchema.Column features, DataViewSchema.Column label) => Network(features, label);

    private protected override MlpTransformer Train(TrainingTask task, DataViewSchema.Column label, DataViewSchema.Column features)
    {
        if (Network(features, label) is not { } network) return base.Train(task, label, features);
        var shape = ImageShapeAnnotation.ReadShape(features);
        var plan = new NetworkPlan<LayerStackWeights>(
            () => LayerStackModule.Create(shape, network),
            module => LayerStackModule.ToWeights((TorchSharp.Modules.Sequential)module, shape, network),
            $", layers {network}", Environment.ProcessorCount, IsPlainMlp: false);
        var (weights, decisions) = Engine.Train(task.Train, task.Valid, task.Outputs, task.Loss, task.ValidationLoss, plan);
        var entries = Entries(TrainingOptionsEntries.From(TrainerOptions, decisions));
        entries[nameof(Options.Layers)] = network.ToString();
        var options = TrainerOptions;
        return new MlpTransformer(MLContext, weights, options.FeatureColumnName, label, decisions.History,
            options.ScoreColumnName, options.PredictionColumnName, entries, ImageShapeAnnotation.Read(features),
            InputColumnsAnnotation.Read(features));
    }

    // The whole network of Options.Layers for these features and classes; null for the MLP.
    private LayerStack? Network(DataViewSchema.Column features, DataViewSchema.Column label) =>
        TrainerOptions.Layers?.ForNetwork(ImageShapeAnnotation.ReadShape(features), (int)((KeyDataViewType)label.Type).Count, features.Name);

    // What the multiclass trainer adds to every card's entries.
    private Dictionary<string, string> Entries(Dictionary<string, string> entries)
    {
        entries[nameof(Options.LabelSmoothing)] = TrainingOptionsEntries.Text(TrainerOptions.LabelSmoothing);
        entries[nameof(Options.ClassWeights)] = TrainerOptions.ClassWeights.ToString();
        return entries;
    }
}
