using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using Mnist.MLNet.Data;
using Mnist.MLNet.Models;
using Mnist.MLNet.Training.Augmentation;

namespace Mnist.MLNet.Training;

/// <summary>What the three MLP trainers share: options, the schema checks before training, reading the rows and
/// the training engine. Each task adds its label, its loss and its fitted model.</summary>
/// <typeparam name="TOptions">The task's options: <see cref="MlpTrainerOptions"/> and what the task adds.</typeparam>
/// <typeparam name="TTransformer">The fitted model.</typeparam>
public abstract class MlpTrainerBase<TOptions, TTransformer> : ITrainerEstimator<TTransformer, MlpModelParameters>
    where TOptions : MlpTrainerOptions
    where TTransformer : MlpPredictionTransformer
{
    // ML.NET keeps TrainerInfo's constructor internal. Randomized PCA's info says what an MLP's must (normalisation
    // needed, no caching, no calibration), so the trainers hand out that object rather than reach into ML.NET.
    private static readonly TrainerInfo SharedInfo = new MLContext().AnomalyDetection.Trainers.RandomizedPca().Info;

    private protected MlpTrainerBase(MLContext mlContext, TOptions options, IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        MLContext = mlContext;
        TrainerOptions = options;
        Cancellation = cancellationToken;
        Engine = new MlpTrainingEngine(options, ((IHostEnvironment)mlContext).Register(GetType().Name), progress, cancellationToken);
    }

    /// <summary>The options this trainer uses.</summary>
    public TOptions TrainerOptions { get; }

    /// <summary>What the trainer needs, as ML.NET's tools read it: features on a common scale (the network trains
    /// best on normalised inputs) and no caching (the rows are read once into memory).</summary>
    public TrainerInfo Info => SharedInfo;

    private protected MLContext MLContext { get; }

    /// <summary>The training engine, configured by <see cref="TrainerOptions"/>.</summary>
    private protected MlpTrainingEngine Engine { get; }
    private protected CancellationToken Cancellation { get; }

    /// <summary>Output columns the fitted model adds, checked against the input's label and features first.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var label = Find(inputSchema, TrainerOptions.LabelColumnName, "label");
        CheckLabel(label);
        var features = Find(inputSchema, TrainerOptions.FeatureColumnName, "feature");
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw SchemaError($"Schema mismatch for feature column '{features.Name}': expected known-size vector of Single, got {Describe(features)}.");
        if (TrainerOptions.ExampleWeightColumnName is { } weightName)
        {
            var weight = Find(inputSchema, weightName, "example weight");
            if (weight.Kind != SchemaShape.Column.VectorKind.Scalar || weight.IsKey || weight.ItemType != NumberDataViewType.Single)
                throw SchemaError($"Schema mismatch for example weight column '{weight.Name}': expected Single, got {Describe(weight)}.");
        }
        return OutputShape(inputSchema);
    }

    /// <summary>Trains on <paramref name="input"/> and returns the fitted model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type; the message names it.</exception>
    /// <exception cref="TrainingDataException">A label is missing or not finite, a feature is not finite, or there are no rows.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="TrainingCanceledException">Training was cancelled; it stopped at a batch boundary (and wrote a
    /// checkpoint when a checkpoint directory is set).</exception>
    /// <exception cref="CheckpointMismatchException">Resuming from a checkpoint written with other options or data.</exception>
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (label, inputSize) = CheckSchema(input.Schema, "training data", trainingLabel: null);
        if (TrainerOptions.ExampleWeightColumnName is { } weightName)
        {
            var weight = input.Schema.GetColumnOrNull(weightName)
                ?? throw SchemaError($"Could not find example weight column '{weightName}' in the training data.");
            if (weight.Type != NumberDataViewType.Single)
                throw SchemaError($"Schema mismatch for example weight column '{weight.Name}' in the training data: expected Single, got {weight.Type}.");
        }
        if (TrainerOptions.Augmentation is { } augmentation) BatchAugmenter.CheckShape(augmentation, inputSize, TrainerOptions.FeatureColumnName);
        if (TrainerOptions.ValidationSet is { } validation)
        {
            var (_, validationSize) = CheckSchema(validation.Schema, nameof(MlpTrainerOptions.ValidationSet), label);
            if (validationSize != inputSize)
                throw SchemaError($"Schema mismatch for feature column '{TrainerOptions.FeatureColumnName}' of {nameof(MlpTrainerOptions.ValidationSet)}: " +
                                  $"expected Vector<Single, {inputSize}> as in the training data, got Vector<Single, {validationSize}>.");
        }
        var features = input.Schema[TrainerOptions.FeatureColumnName];
        CheckNetwork(features, label);
        var task = Prepare(input, label);
        return Train(task, label, features);
    }

    /// <summary>Throws, before any row is read, unless the network fits <paramref name="features"/>; an MLP reads any
    /// vector, so by default nothing is checked.</summary>
    private protected virtual void CheckNetwork(DataViewSchema.Column features, DataViewSchema.Column label) { }

    /// <summary>Trains the network on <paramref name="task"/> and returns the fitted model: by default the MLP of the
    /// options.</summary>
    private protected virtual TTransformer Train(TrainingTask task, DataViewSchema.Column label, DataViewSchema.Column features)
    {
        var trained = Engine.Train(task.Train, task.Valid, task.Outputs, task.Loss, task.ValidationLoss, task.SmallDataDropout);
        return Create(trained, task, label, ImageShapeAnnotation.Read(features), InputColumnsAnnotation.Read(features));
    }

    /// <summary>The type a one-output task's label must have (Boolean, Single); the multiclass trainer, whose label is
    /// a key, checks its label itself.</summary>
    private protected virtual DataViewType? ScalarLabelType => null;

    /// <summary>Throws unless the input shape's label suits the task, naming the column and both types.</summary>
    private protected virtual void CheckLabel(SchemaShape.Column label) => ScalarLabelSchema.Check(label, ScalarLabelType!);

    /// <summary>Throws unless <paramref name="label"/> suits the task; <paramref name="trainingLabel"/> is null for the
    /// training data itself, and the training data's label when checking the validation set.</summary>
    private protected virtual void CheckLabel(DataViewSchema.Column label, string what, DataViewSchema.Column? trainingLabel) =>
        ScalarLabelSchema.Check(label, ScalarLabelType!, what);

    /// <summary>The columns the fitted model adds, as shapes.</summary>
    private protected abstract SchemaShape OutputShape(SchemaShape inputSchema);

    /// <summary>Reads the training (and validation) rows and says what the network learns from them.</summary>
    private protected abstract TrainingTask Prepare(IDataView input, DataViewSchema.Column label);

    /// <summary>The fitted model around the <paramref name="trained"/> network.</summary>
    private protected abstract TTransformer Create(TrainedNetwork trained, TrainingTask task,
        DataViewSchema.Column label, IReadOnlyList<int>? imageShape,
        IReadOnlyList<InputColumn>? inputColumns);

    private protected static ArgumentOutOfRangeException SchemaError(string message) => new("inputSchema", message);

    private protected static string Describe(SchemaShape.Column column) =>
        (column.Kind == SchemaShape.Column.VectorKind.Scalar ? "" : column.Kind + " of ") + column.ItemType + (column.IsKey ? " key" : "");

    private (DataViewSchema.Column Label, int InputSize) CheckSchema(DataViewSchema schema, string what, DataViewSchema.Column? trainingLabel)
    {
        var label = schema.GetColumnOrNull(TrainerOptions.LabelColumnName)
            ?? throw SchemaError($"Could not find label column '{TrainerOptions.LabelColumnName}' in the {what}.");
        CheckLabel(label, what, trainingLabel);
        var features = schema.GetColumnOrNull(TrainerOptions.FeatureColumnName)
            ?? throw SchemaError($"Could not find feature column '{TrainerOptions.FeatureColumnName}' in the {what}.");
        if (features.Type is not VectorDataViewType { IsKnownSize: true, ItemType: var item, Size: var size } || item != NumberDataViewType.Single)
            throw SchemaError($"Schema mismatch for feature column '{features.Name}' in the {what}: expected known-size vector of Single, got {features.Type}.");
        return (label, size);
    }

    private static SchemaShape.Column Find(SchemaShape schema, string name, string role)
    {
        var column = schema.FirstOrDefault(c => c.Name == name);
        return column.Name is null ? throw SchemaError($"Could not find {role} column '{name}'.") : column;
    }
}
