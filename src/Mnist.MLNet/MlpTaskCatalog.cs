using Microsoft.ML;
using Mnist.MLNet.Training;

namespace Mnist.MLNet;

/// <summary>The MLP on ML.NET's binary classification and regression catalogs.</summary>
/// <remarks>ML.NET keeps a catalog's environment internal, so these extensions cannot reach the caller's
/// <see cref="MLContext"/>: the trainer gets its own, seeded like the options or, when they set no seed, with
/// <see cref="MlpTrainer.Defaults.Seed"/>, so the same call trains the same model every run. To see training logs in your
/// <c>MLContext.Log</c>, construct the trainer with that context instead: <c>new BinaryMlpTrainer(mlContext, options)</c>.</remarks>
public static class MlpTaskCatalog
{
    /// <summary>An MLP binary classifier trained with TorchSharp: <c>mlContext.BinaryClassification.Trainers.Mlp()</c>.</summary>
    /// <param name="labelColumnName">A Boolean column.</param>
    /// <param name="featureColumnName">A known-size vector of Single.</param>
    /// <param name="hiddenLayers">Widths of the hidden layers; null keeps the default.</param>
    public static BinaryMlpTrainer Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = MlpTrainer.Defaults.LabelColumnName,
        string featureColumnName = MlpTrainer.Defaults.FeatureColumnName,
        int maxEpoch = MlpTrainer.Defaults.MaxEpoch,
        int batchSize = MlpTrainer.Defaults.BatchSize,
        double learningRate = MlpTrainer.Defaults.LearningRate,
        int[]? hiddenLayers = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BinaryMlpTrainer(new MLContext(MlpTrainer.Defaults.Seed),
            Simple<BinaryMlpTrainer.Options>(labelColumnName, featureColumnName, maxEpoch, batchSize, learningRate, hiddenLayers));
    }

    /// <summary>An MLP binary classifier trained with TorchSharp, configured by <paramref name="options"/>.</summary>
    public static BinaryMlpTrainer Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        BinaryMlpTrainer.Options options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new BinaryMlpTrainer(new MLContext(options.Seed ?? MlpTrainer.Defaults.Seed), options, progress, cancellationToken);
    }

    /// <summary>An MLP regressor trained with TorchSharp: <c>mlContext.Regression.Trainers.Mlp()</c>.</summary>
    /// <param name="labelColumnName">A Single column, in any units (it is standardised internally).</param>
    /// <param name="featureColumnName">A known-size vector of Single.</param>
    /// <param name="hiddenLayers">Widths of the hidden layers; null keeps the default.</param>
    public static RegressionMlpTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = MlpTrainer.Defaults.LabelColumnName,
        string featureColumnName = MlpTrainer.Defaults.FeatureColumnName,
        int maxEpoch = MlpTrainer.Defaults.MaxEpoch,
        int batchSize = MlpTrainer.Defaults.BatchSize,
        double learningRate = MlpTrainer.Defaults.LearningRate,
        int[]? hiddenLayers = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RegressionMlpTrainer(new MLContext(MlpTrainer.Defaults.Seed),
            Simple<RegressionMlpTrainer.Options>(labelColumnName, featureColumnName, maxEpoch, batchSize, learningRate, hiddenLayers));
    }

    /// <summary>An MLP regressor trained with TorchSharp, configured by <paramref name="options"/>.</summary>
    public static RegressionMlpTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog,
        RegressionMlpTrainer.Options options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new RegressionMlpTrainer(new MLContext(options.Seed ?? MlpTrainer.Defaults.Seed), options, progress, cancellationToken);
    }

    // The simple overloads' arguments as options, the rest at their defaults.
    private static TOptions Simple<TOptions>(string labelColumnName, string featureColumnName, int maxEpoch, int batchSize,
        double learningRate, int[]? hiddenLayers) where TOptions : MlpTrainerOptions, new()
    {
        var options = new TOptions
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            MaxEpoch = maxEpoch,
            BatchSize = batchSize,
            LearningRate = learningRate,
        };
        if (hiddenLayers is not null) options.HiddenLayers = hiddenLayers;
        return options;
    }
}
