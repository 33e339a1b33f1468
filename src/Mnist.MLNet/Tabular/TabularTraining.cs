using Mnist.MLNet.Data;
using Mnist.MLNet.Training;
using Mnist.MLNet.Workflow;

namespace Mnist.MLNet.Tabular;

/// <summary>A model from a CSV file in one call: infer the columns and the task, hold out test rows, fit the
/// featurisation and the MLP for the task, evaluate on the test rows and save one zip that scores with ML.NET and
/// the scoring assembly alone.</summary>
public static partial class TabularTraining
{
    /// <summary>Runs the workflow <paramref name="options"/> describe.</summary>
    /// <param name="progress">Receives every batch and epoch report of the trainer.</param>
    /// <param name="stages">Told when training and evaluation start.</param>
    /// <exception cref="TabularInputException">The file does not parse, or lacks a named column.</exception>
    /// <exception cref="TaskInferenceException">The task is not clear from the label, or does not suit it.</exception>
    public static async Task<TabularTrainingResult> RunAsync(Options options, IProgress<TrainingProgress>? progress = null,
        IProgress<MnistTrainingStage>? stages = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var table = CsvTable.Read(options.CsvPath);
        var schema = ColumnInference.Infer(table, options.LabelColumnName, options.Task, options.Ignore, options.Inference);
        int seed = options.Trainer.Seed ?? 0;
        var mlContext = new MLContext(seed);
        var data = TabularRows.FromCsv(table, schema.Features, schema.Label);
        var split = Split(mlContext, data, options.TestFraction, seed);
        IDataView train = split.TrainSet;
        IDataView? validation = null;
        if (options.ValidationFraction > 0) (train, validation) = mlContext.Data.HoldOutValidation(split.TrainSet, options.ValidationFraction, seed);

        stages?.Report(MnistTrainingStage.Training);
        var featurizer = TabularFeaturizer.Create(mlContext, schema, Defaults.FeatureColumnName).Fit(train);
        var label = LabelStage(mlContext, schema).Fit(train);
        IDataView Prepare(IDataView rows) => label.Transform(featurizer.Transform(rows));
        var trainer = Trainer(mlContext, schema, options.Trainer, validation is null ? null : Prepare(validation), progress, cancellationToken);
        // The feature column names the raw columns it was made from; the trainer writes them into the model card.
        var annotated = InputColumnsAnnotation.Annotate(Prepare(train), Defaults.FeatureColumnName, schema.Features);
        var network = await Task.Run(() => trainer.Fit(annotated), CancellationToken.None);   // the trainer watches the token itself
        ITransformer[] stagesOfModel = [.. featurizer, network];
        if (schema.Task == MlpTask.MulticlassClassification)
            stagesOfModel = [.. stagesOfModel, mlContext.Transforms.Conversion.MapKeyToValue(ModelCard.Read(network).PredictedLabelColumnName)
                .Fit(network.Transform(Prepare(train)))];
        var model = new TransformerChain<ITransformer>(stagesOfModel);

        stages?.Report(MnistTrainingStage.Evaluating);
        var metrics = TabularEvaluator.Evaluate(mlContext, model, split.TestSet);
        HeldOutOutputs.Write(options, mlContext, model, data.Schema, metrics);
        return new TabularTrainingResult(mlContext, schema, split.TrainSet, split.TestSet, model, metrics, ModelCard.Read(network).History);
    }

    /// <summary>The train/test split <see cref="RunAsync"/> makes with seed <paramref name="seed"/>: the same data and
    /// seed give the same test rows, so metrics can be recomputed from a saved model.</summary>
    public static DataOperationsCatalog.TrainTestData Split(MLContext mlContext, IDataView data, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return mlContext.Data.TrainTestSplit(data, testFraction, seed: seed);
    }

    // Multiclass labels become keys in the order the file lists the classes, all of them, so a class missing from
    // the training rows still has an output.
    private static IEstimator<ITransformer> LabelStage(MLContext mlContext, TabularSchema schema)
    {
        if (schema.Task != MlpTask.MulticlassClassification) return new EstimatorChain<ITransformer>();
        return mlContext.Transforms.Conversion.MapValueToKey(schema.Label.Name, keyData: ClassKeys.Of(mlContext, schema.Label.Categories!, schema.Label.Kind == InputColumnKind.Number));
    }

    private static IEstimator<ITransformer> Trainer(MLContext mlContext, TabularSchema schema, MlpTrainer.Options shared,
        IDataView? validation, IProgress<TrainingProgress>? progress, CancellationToken ct)
    {
        T Configure<T>(T options) where T : MlpTrainerOptions
        {
            options.LabelColumnName = schema.Label.Name;
            options.FeatureColumnName = Defaults.FeatureColumnName;
            options.ValidationSet = validation;
            return options;
        }
        return schema.Task switch
        {
            MlpTask.BinaryClassification => new BinaryMlpTrainer(mlContext, Configure(TrainerOptionsCopy.To<BinaryMlpTrainer.Options>(shared)), progress, ct),
            MlpTask.Regression => new RegressionMlpTrainer(mlContext, Configure(TrainerOptionsCopy.To<RegressionMlpTrainer.Options>(shared)), progress, ct),
            _ => new MlpTrainer(mlContext, Configure(TrainerOptionsCopy.To<MlpTrainer.Options>(shared)), progress, ct),
        };
    }
}
