using Mnist.MLNet;
using Mnist.MLNet.Tabular;
using Mnist.MLNet.Training;
using Mnist.MLNet.Workflow;
using Spectre.Console;

namespace Mnist.Trainer.Commands;

// mnist train --csv: the same trainer options, progress display, checkpoints and resume line as MNIST, on a table.
public static partial class TrainCommand
{
    private static async Task<int> TrainTableAsync(Settings settings, IAnsiConsole console, CancellationToken ct,
        IProgress<TrainingProgress>? observer)
    {
        var training = settings.Training;
        var options = new TabularTraining.Options
        {
            CsvPath = settings.Csv!,
            LabelColumnName = settings.Label!,
            Task = settings.Task,
            Ignore = settings.Ignore,
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
                    if (stage == MnistTrainingStage.Training) console.WriteLine($"Training on {Path.GetFullPath(options.CsvPath)}...");
                    if (stage == MnistTrainingStage.Evaluating) console.WriteLine("Evaluating on the test rows...");
                });
                var result = await display.RunAsync(() => TabularTraining.RunAsync(options, display, stages, ct));
                if (console.Profile.Capabilities.Interactive) console.Write(ReportView.EpochTable(result.History));
                TableView.WriteSchema(console, result.Schema);
                TableView.WriteMetrics(console, result.Metrics, "Test");
                console.WriteLine($"Model saved to {Path.GetFullPath(training.ModelPath!)}");
                if (training.MetricsPath is { } metrics) console.WriteLine($"Metrics written to {Path.GetFullPath(metrics)}");
                return ExitCodes.Ok;
            }
            catch (TaskInferenceException e)
            {
                console.WriteErrorLine(e.Message);
                return ExitCodes.BadArguments;
            }
            catch (TrainingCanceledException e)
            {
                return Interrupted(settings, console, e);
            }
        });
    }

    // Where the checkpoint is and the line that resumes from it; unwrapped, so the line stays copy-pasteable.
    private static int Interrupted(Settings settings, IAnsiConsole console, TrainingCanceledException e)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine($"Interrupted in epoch {e.Epoch} after batch {e.Batch}; checkpoint written to {e.CheckpointPath}");
        writer.WriteLine("Resume with:");
        writer.WriteLine($"  {ResumeCommandLine(settings)}");
        return ExitCodes.Cancelled;
    }
}
