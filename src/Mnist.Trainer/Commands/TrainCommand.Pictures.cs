using Mnist.MLNet;
using Mnist.MLNet.Pictures;
using Mnist.MLNet.Training;
using Mnist.MLNet.Workflow;
using Spectre.Console;

namespace Mnist.Trainer.Commands;

// mnist train --images: the same trainer options, progress display and checkpoints as MNIST, on a folder of pictures.
public static partial class TrainCommand
{
    private static async Task<int> TrainPicturesAsync(Settings settings, IAnsiConsole console, CancellationToken ct,
        IProgress<TrainingProgress>? observer)
    {
        var training = settings.Training;
        var options = new ImageFolderTraining.Options
        {
            Directory = settings.Images!,
            Size = settings.ImageSize,
            Color = settings.Color,
            TestFraction = settings.TestFraction,
            ValidationFraction = training.ValidationFraction,
            Trainer = training.Trainer,
            ModelPath = training.ModelPath,
            MetricsPath = training.MetricsPath,
            RemoveCheckpointWhenDone = training.RemoveCheckpointWhenDone,
        };
        return await CommandFailures.RunAsync(console, ct, async () =>
        {
            try
            {
                var display = new TrainingDisplay(console, observer);
                var stages = new SynchronousProgress<MnistTrainingStage>(stage =>
                {
                    if (stage == MnistTrainingStage.Training) console.WriteLine($"Training on the pictures in {Path.GetFullPath(options.Directory)}...");
                    if (stage == MnistTrainingStage.Evaluating) console.WriteLine("Evaluating on the test pictures...");
                });
                var (_, metrics, history) = await display.RunAsync(() => ImageFolderTraining.RunAsync(options, display, stages, ct));
                if (console.Profile.Capabilities.Interactive) console.Write(ReportView.EpochTable(history));
                TableView.WriteMetrics(console, metrics, "Test");
                console.WriteLine($"Model saved to {Path.GetFullPath(training.ModelPath!)}");
                if (training.MetricsPath is { } metricsPath) console.WriteLine($"Metrics written to {Path.GetFullPath(metricsPath)}");
                return ExitCodes.Ok;
            }
            catch (TrainingCanceledException e)
            {
                return Interrupted(settings, console, e);
            }
        });
    }
}
