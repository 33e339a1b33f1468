using Mnist.MLNet;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Tabular;
using Mnist.MLNet.Training;
using Mnist.MLNet.Workflow;
using Spectre.Console;

namespace Mnist.Trainer.Commands;

// mnist train --csv: the same trainer options, progress display, checkpoints and resume line as MNIST, on a table.
public static partial class TrainCommand
{
    private static Task<int> TrainTableAsync(Settings settings, IAnsiConsole console, CancellationToken ct, IProgress<TrainingProgress>? observer)
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
        return TrainBeyondMnistAsync(settings, console, ct, observer, Path.GetFullPath(options.CsvPath), "rows", async (display, stages) =>
        {
            var result = await TabularTraining.RunAsync(options, display, stages, ct);
            return (result.Metrics, result.History, result.Schema);
        });
    }

    /// <summary>Trains on something other than MNIST (a table, a folder of pictures) through <paramref name="run"/>,
    /// with MNIST's progress display and Ctrl+C handling, and reports the test metrics.</summary>
    /// <param name="rows">What the test split holds, for the progress lines: rows, pictures.</param>
    private static async Task<int> TrainBeyondMnistAsync(Settings settings, IAnsiConsole console, CancellationToken ct,
        IProgress<TrainingProgress>? observer, string source, string rows,
        Func<TrainingDisplay, IProgress<MnistTrainingStage>, Task<(TabularMetrics Metrics, IReadOnlyList<EpochMetrics> History, TabularSchema? Schema)>> run)
    {
        var training = settings.Training;
        return await CommandFailures.RunAsync(console, ct, async () =>
        {
            try
            {
                var display = new TrainingDisplay(console, observer);
                var stages = new SynchronousProgress<MnistTrainingStage>(stage =>
                {
                    if (stage == MnistTrainingStage.Training) console.WriteLine($"Training on {source}...");
                    if (stage == MnistTrainingStage.Evaluating) console.WriteLine($"Evaluating on the test {rows}...");
                });
                var (metrics, history, schema) = await display.RunAsync(() => run(display, stages));
                if (console.Profile.Capabilities.Interactive) console.Write(ReportView.EpochTable(history));
                if (schema is not null) TableView.WriteSchema(console, schema);
                TableView.WriteMetrics(console, metrics, "Test");
                console.WriteLine($"Model saved to {Path.GetFullPath(training.ModelPath!)}");
                if (training.MetricsPath is { } metricsPath) console.WriteLine($"Metrics written to {Path.GetFullPath(metricsPath)}");
                return ExitCodes.Ok;
            }
            catch (TaskInferenceException e)
            {
                console.WriteErrorLine(e.Message);
                return ExitCodes.BadArguments;
            }
            catch (TrainingCanceledException e)
            {
                // Unwrapped: the resume line must stay copy-pasteable.
                var writer = console.Profile.Out.Writer;
                writer.WriteLine($"Interrupted in epoch {e.Epoch} after batch {e.Batch}; checkpoint written to {e.CheckpointPath}");
                writer.WriteLine("Resume with:");
                writer.WriteLine($"  {ResumeCommandLine(settings)}");
                return ExitCodes.Cancelled;
            }
        });
    }
}
