using System.CommandLine;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Tabular;
using Spectre.Console;

namespace Mnist.Trainer.Commands;

// mnist evaluate --csv: a model of a table on labelled rows.
public static partial class EvaluateCommand
{
    private static readonly Option<string?> CsvOption = new("--csv")
    {
        Description = "For a model trained with --csv: evaluate on this CSV file (the model's columns and its label) instead of MNIST",
        HelpName = "FILE",
    };

    public static int EvaluateTable(string modelPath, string csvPath, string? metricsPath, bool json, IAnsiConsole console, CancellationToken ct)
    {
        return CommandFailures.Run(console, ct, () =>
        {
            var metrics = TabularEvaluator.Evaluate(modelPath, csvPath);
            if (metricsPath is not null) AtomicFile.Write(metricsPath, System.Text.Encoding.UTF8.GetBytes(metrics.ToJson()));
            if (json)
            {
                console.Profile.Out.Writer.WriteLine(metrics.ToJson());
                return ExitCodes.Ok;
            }
            console.WriteLine($"Model {Path.GetFullPath(modelPath)} on {Path.GetFullPath(csvPath)}");
            TableView.WriteMetrics(console, metrics, "Test");
            if (metricsPath is not null) console.WriteLine($"Metrics written to {Path.GetFullPath(metricsPath)}");
            return ExitCodes.Ok;
        });
    }
}
