using Mnist.MLNet.Tabular;
using Mnist.MLNet.Workflow;

namespace Mnist.Trainer.Commands;

// mnist train --csv: the same trainer options, progress display, checkpoints and resume line as MNIST, on a table.
public static partial class TrainCommand
{
    private static Task<int> TrainTableAsync(Settings settings, IAnsiConsole console, CancellationToken ct, IProgress<TrainingProgress>? observer)
    {
        var options = WithHoldOuts(settings, new TabularTraining.Options
        {
            CsvPath = settings.Csv!,
            LabelColumnName = settings.Label!,
            Task = settings.Task,
            Ignore = settings.Ignore,
        });
        return TrainBeyondMnistAsync(settings, console, ct, observer, Path.GetFullPath(options.CsvPath), "rows", async (display, stages) =>
        {
            var result = await TabularTraining.RunAsync(options, display, stages, ct);
            return (result.Metrics, result.History, result.Schema);
        });
    }

    /// <summary>The flags every workflow beyond MNIST shares: the test hold-out, and the MNIST run's validation
    /// hold-out, trainer options and output paths.</summary>
    private static T WithHoldOuts<T>(Settings settings, T options) where T : HeldOutTrainingOptions
    {
        var training = settings.Training;
        options.TestFraction = settings.TestFraction;
        options.ValidationFraction = training.ValidationFraction;
        options.Trainer = training.Trainer;
        options.ModelPath = training.ModelPath;
        options.MetricsPath = training.MetricsPath;
        options.RemoveCheckpointWhenDone = training.RemoveCheckpointWhenDone;
        return options;
    }

    /// <summary>Trains on something other than MNIST (a table, a folder of pictures) through <paramref name="run"/>,
    /// with MNIST's progress display and Ctrl+C handling, and reports the test metrics.</summary>
    /// <param name="rows">What the test split holds, for the progress lines: rows, pictures.</param>
    private static async Task<int> TrainBeyondMnistAsync(Settings settings, IAnsiConsole console, CancellationToken ct,
        IProgress<TrainingProgress>? observer, string source, string rows,
        Func<TrainingDisplay, IProgress<MnistTrainingStage>, Task<(TabularMetrics Metrics, IReadOnlyList<EpochMetrics> History, TabularSchema? Schema)>> run)
    {
        var training = settings.Training;
        return await RunWithDisplayAsync(settings, console, ct, observer, stage => stage switch
        {
            MnistTrainingStage.Training => $"Training on {source}...",
            MnistTrainingStage.Evaluating => $"Evaluating on the test {rows}...",
            _ => null,
        }, async (display, stages) =>
        {
            try
            {
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
        });
    }
}
