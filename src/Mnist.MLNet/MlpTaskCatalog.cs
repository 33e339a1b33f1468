using Mnist.MLNet.Training;

namespace Mnist.MLNet;

/// <summary>The MLP on ML.NET's multiclass, binary classification and regression catalogs, in ML.NET's two forms:
/// column names and the most used settings, or the trainer's options.</summary>
/// <remarks>ML.NET keeps a catalog's environment internal, so these extensions cannot reach the caller's
/// <see cref="MLContext"/>: the trainer gets its own, seeded like the options or, when they set no seed, with
/// <see cref="MlpTrainer.Defaults.Seed"/>, so the same call trains the same model every run. To see training logs in your
/// <c>MLContext.Log</c>, construct the trainer with that context instead: <c>new MlpTrainer(mlContext, options)</c>.</remarks>
public static class MlpTaskCatalog
{
    private const string Label = MlpTrainer.Defaults.LabelColumnName, Features = MlpTrainer.Defaults.FeatureColumnName;
    private const int Epochs = MlpTrainer.Defaults.MaxEpoch, Batch = MlpTrainer.Defaults.BatchSize;
    private const double Rate = MlpTrainer.Defaults.LearningRate;

    /// <summary>The tutorial's MLP classifier trained with TorchSharp: <c>mlContext.MulticlassClassification.Trainers.Mlp()</c>.</summary>
    /// <param name="labelColumnName">A key column (use <c>MapValueToKey</c> first).</param>
    /// <param name="featureColumnName">A known-size vector of Single.</param>
    /// <param name="hiddenLayers">Widths of the hidden layers; null keeps the default.</param>
    /// <param name="exampleWeightColumnName">A Single column of example weights; null counts every row the same.</param>
    public static MlpTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = Label, string featureColumnName = Features, int maxEpoch = Epochs, int batchSize = Batch,
        double learningRate = Rate, int[]? hiddenLayers = null, string? exampleWeightColumnName = null) =>
        catalog.Mlp(Simple<MlpTrainer.Options>(labelColumnName, featureColumnName, exampleWeightColumnName, maxEpoch, batchSize, learningRate, hiddenLayers));

    /// <summary>The tutorial's MLP classifier trained with TorchSharp, configured by <paramref name="options"/>.</summary>
    public static MlpTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        MlpTrainer.Options options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new(ContextFor(catalog, options), options, progress, cancellationToken);

    /// <summary>An MLP binary classifier trained with TorchSharp: <c>mlContext.BinaryClassification.Trainers.Mlp()</c>.</summary>
    /// <param name="labelColumnName">A Boolean column.</param>
    /// <inheritdoc cref="Mlp(MulticlassClassificationCatalog.MulticlassClassificationTrainers, string, string, int, int, double, int[], string)"/>
    public static BinaryMlpTrainer Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = Label, string featureColumnName = Features, int maxEpoch = Epochs, int batchSize = Batch,
        double learningRate = Rate, int[]? hiddenLayers = null, string? exampleWeightColumnName = null) =>
        catalog.Mlp(Simple<BinaryMlpTrainer.Options>(labelColumnName, featureColumnName, exampleWeightColumnName, maxEpoch, batchSize, learningRate, hiddenLayers));

    /// <summary>An MLP binary classifier trained with TorchSharp, configured by <paramref name="options"/>.</summary>
    public static BinaryMlpTrainer Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        BinaryMlpTrainer.Options options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new(ContextFor(catalog, options), options, progress, cancellationToken);

    /// <summary>An MLP regressor trained with TorchSharp: <c>mlContext.Regression.Trainers.Mlp()</c>.</summary>
    /// <param name="labelColumnName">A Single column, in any units (it is standardised internally).</param>
    /// <inheritdoc cref="Mlp(MulticlassClassificationCatalog.MulticlassClassificationTrainers, string, string, int, int, double, int[], string)"/>
    public static RegressionMlpTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = Label, string featureColumnName = Features, int maxEpoch = Epochs, int batchSize = Batch,
        double learningRate = Rate, int[]? hiddenLayers = null, string? exampleWeightColumnName = null) =>
        catalog.Mlp(Simple<RegressionMlpTrainer.Options>(labelColumnName, featureColumnName, exampleWeightColumnName, maxEpoch, batchSize, learningRate, hiddenLayers));

    /// <summary>An MLP regressor trained with TorchSharp, configured by <paramref name="options"/>.</summary>
    public static RegressionMlpTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog,
        RegressionMlpTrainer.Options options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new(ContextFor(catalog, options), options, progress, cancellationToken);

    // The catalog and options checked, and the trainer's own context seeded like the options.
    private static MLContext ContextFor(object catalog, MlpTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new MLContext(options.Seed ?? MlpTrainer.Defaults.Seed);
    }

    // The simple overloads' arguments as options, the rest at their defaults.
    private static TOptions Simple<TOptions>(string labelColumnName, string featureColumnName, string? exampleWeightColumnName,
        int maxEpoch, int batchSize, double learningRate, int[]? hiddenLayers) where TOptions : MlpTrainerOptions, new()
    {
        var options = new TOptions
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            ExampleWeightColumnName = exampleWeightColumnName,
            MaxEpoch = maxEpoch,
            BatchSize = batchSize,
            LearningRate = learningRate,
        };
        if (hiddenLayers is not null) options.HiddenLayers = hiddenLayers;
        return options;
    }
}
