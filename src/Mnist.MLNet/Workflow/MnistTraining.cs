using System.Diagnostics;
using Mnist.MLNet.Data;
using Mnist.MLNet.Evaluation;
using Mnist.MLNet.Training;
using Mnist.MLNet.Models;

namespace Mnist.MLNet.Workflow;

/// <summary>The whole train–evaluate–save run in one call: fetch the dataset if missing, hold out validation rows,
/// fit <c>MapValueToKey → MlpTrainer → MapKeyToValue</c>, evaluate on the test split, save the model and metrics.</summary>
/// <remarks>The same pipeline can be written by hand (see the README); this is that pipeline with the chores around it.</remarks>
public static partial class MnistTraining
{
    /// <summary>Runs the workflow <paramref name="options"/> describe.</summary>
    /// <param name="progress">Receives every batch and epoch report of the trainer.</param>
    /// <param name="stages">Told when each stage starts (reported on the running thread, in order).</param>
    /// <param name="cancellationToken">Stops at the next batch; with a checkpoint directory, one is written first
    /// and <see cref="TrainingCanceledException"/> says where.</param>
    public static async Task<MnistTrainingResult> RunAsync(Options options, IProgress<TrainingProgress>? progress = null,
        IProgress<MnistTrainingStage>? stages = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var directory = options.DataDirectory ?? MnistResources.DefaultDirectory(options.Dataset);
        if (options.DownloadIfMissing && !await MnistDownloader.IsCompleteAsync(options.Dataset, directory, cancellationToken))
        {
            stages?.Report(MnistTrainingStage.Downloading);
            using var downloader = new MnistDownloader();   // its options read MNIST_MIRROR
            await downloader.DownloadAsync(options.Dataset, directory, progress: null, cancellationToken);
        }

        int seed = options.Trainer.Seed ?? 0;
        var mlContext = new MLContext(seed);
        var data = mlContext.Data.LoadMnist(directory, MnistSplit.Train, options.Dataset);
        var test = mlContext.Data.LoadMnist(directory, MnistSplit.Test, options.Dataset);
        IDataView train = data;
        if (options.ValidationFraction > 0)
            (train, options.Trainer.ValidationSet) = mlContext.Data.HoldOutValidation(data, options.ValidationFraction, seed);

        stages?.Report(MnistTrainingStage.Training);
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey(options.Trainer.LabelColumnName)
            .Append(new MlpTrainer(mlContext, options.Trainer, progress, cancellationToken))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue(options.Trainer.PredictionColumnName));
        var clock = Stopwatch.StartNew();
        var model = await Task.Run(() => pipeline.Fit(train), CancellationToken.None);   // the trainer watches the token itself
        clock.Stop();

        stages?.Report(MnistTrainingStage.Evaluating);
        var history = model.OfType<MlpTransformer>().Single().History;
        var report = MnistEvaluator.Evaluate(mlContext, model, test, options.Dataset).WithTraining(history, clock.Elapsed.TotalSeconds);

        if (options.ModelPath is { } modelPath) mlContext.Model.SaveAtomically(model, data.Schema, modelPath);
        if (options.MetricsPath is { } metricsPath) report.Save(metricsPath);
        FinishedCheckpoint.Remove(options.RemoveCheckpointWhenDone, options.Trainer);
        return new MnistTrainingResult(mlContext, data, test, model, report);
    }
}
