using Mnist.MLNet.Data;
using Mnist.MLNet.Tabular;
using Mnist.MLNet.Training;
using Mnist.MLNet.Workflow;

namespace Mnist.MLNet.Pictures;

/// <summary>A classifier of pictures from a folder with one subfolder per class, in one call: decode and resize every
/// picture, hold out test rows, train the MLP, evaluate and save one zip.</summary>
public static class ImageFolderTraining
{
    /// <summary>What <see cref="RunAsync"/> reads, how it splits and trains, and where it writes.</summary>
    public sealed class Options : HeldOutTrainingOptions
    {
        /// <summary>The folder: one subfolder of PNG or JPEG pictures per class.</summary>
        public string Directory = "";

        /// <summary>Every picture is resized to a square of this many pixels.</summary>
        public int Size = Defaults.Size;

        /// <summary>Read red, green and blue (three values per pixel) instead of grey.</summary>
        public bool Color;

    }

    /// <summary>Default values of <see cref="Options"/>.</summary>
    public static class Defaults
    {
        /// <summary>MNIST's size: small enough for an MLP, large enough for digits and simple shapes.</summary>
        public const int Size = 28;
    }

    /// <summary>Runs the workflow <paramref name="options"/> describe.</summary>
    /// <exception cref="DigitInputException">A picture does not decode, or the folder has fewer than two classes.</exception>
    public static async Task<(ITransformer Model, TabularMetrics Metrics, IReadOnlyList<EpochMetrics> History)> RunAsync(Options options,
        IProgress<TrainingProgress>? progress = null, IProgress<MnistTrainingStage>? stages = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Size);
        int seed = options.Trainer.Seed ?? 0;
        var mlContext = new MLContext(seed);
        var folder = ImageFolder.List(options.Directory);
        var data = folder.Load(mlContext, options.Size, options.Color, cancellationToken);
        var split = TabularTraining.Split(mlContext, data, options.TestFraction, seed);
        IDataView train = split.TrainSet;
        IDataView? validation = null;
        if (options.ValidationFraction > 0) (train, validation) = mlContext.Data.HoldOutValidation(split.TrainSet, options.ValidationFraction, seed);

        stages?.Report(MnistTrainingStage.Training);
        var trainerOptions = TrainerOptionsCopy.To<MlpTrainer.Options>(options.Trainer);
        trainerOptions.LabelColumnName = nameof(ImageFolder.Row.Label);
        trainerOptions.FeatureColumnName = nameof(ImageFolder.Row.Picture);
        var toKey = mlContext.Transforms.Conversion.MapValueToKey(trainerOptions.LabelColumnName, keyData: ClassKeys.Of(mlContext, folder.Classes)).Fit(train);
        trainerOptions.ValidationSet = validation is null ? null : toKey.Transform(validation);
        var trainer = new MlpTrainer(mlContext, trainerOptions, progress, cancellationToken);
        // The card records the picture input explicitly, so scoring code knows how to read a picture without guessing.
        var keyed = InputColumnsAnnotation.Annotate(toKey.Transform(train), trainerOptions.FeatureColumnName,
            [new InputColumn(trainerOptions.FeatureColumnName, InputColumnKind.Picture)]);
        var network = await Task.Run(() => trainer.Fit(keyed), CancellationToken.None);   // the trainer watches the token itself
        var toValue = mlContext.Transforms.Conversion.MapKeyToValue(network.PredictedLabelColumnName).Fit(network.Transform(keyed));
        var model = new TransformerChain<ITransformer>([network, toValue]);

        stages?.Report(MnistTrainingStage.Evaluating);
        var metrics = TabularEvaluator.Evaluate(mlContext, model, split.TestSet);
        HeldOutOutputs.Write(options, mlContext, model, data.Schema, metrics);
        return (model, metrics, network.History);
    }
}
