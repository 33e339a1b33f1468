using Microsoft.ML;
using Mnist.MLNet.Evaluation;

namespace Mnist.Trainer.Commands;

/// <summary><c>mnist evaluate</c>: score a saved model on the test split and report accuracy, per-class figures
/// and the confusion matrix.</summary>
public static partial class EvaluateCommand
{
    private static readonly Option<string?> MetricsOption = OptionFactory.File("--metrics",
        "Also write the metrics JSON here (as mnist train does, without epochs) [default: none]");

    private static readonly Option<bool> JsonOption = OptionFactory.Switch("--json",
        "Print the metrics JSON instead of tables");

    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("evaluate", "Evaluate a saved model on the test split")
        {
            CommonOptions.ModelOption, CommonOptions.DatasetOption, CommonOptions.DataOption, CsvOption, ImagesOption, MetricsOption, JsonOption,
        };
        command.SetAction((result, ct) => Task.FromResult(
            result.GetValue(CsvOption) is { } csv ? EvaluateTable(result.GetValue(CommonOptions.ModelOption)!, csv, null,
                result.GetValue(MetricsOption), result.GetValue(JsonOption), console, ct)
            : result.GetValue(ImagesOption) is { } images ? EvaluateTable(result.GetValue(CommonOptions.ModelOption)!, null, images,
                result.GetValue(MetricsOption), result.GetValue(JsonOption), console, ct)
            : Evaluate(result.GetValue(CommonOptions.ModelOption)!, result.GetValue(CommonOptions.DatasetOption),
            CommonOptions.DataDirectory(result), result.GetValue(MetricsOption), result.GetValue(JsonOption), console, ct)));
        return command;
    }

    public static int Evaluate(string modelPath, MnistDataset dataset, string dataDirectory, string? metricsPath, bool json,
        IAnsiConsole console, CancellationToken ct)
    {
        return CommandFailures.Run(console, ct, () =>
        {
            try
            {
                // The card says whether the model reads the dataset's images before any of it is loaded.
                var digit = DigitModel.Read(modelPath);
                var mlContext = new MLContext();
                var model = digit.Load(mlContext, out _);
                ct.ThrowIfCancellationRequested();
                var test = mlContext.Data.LoadMnist(dataDirectory, MnistSplit.Test, dataset);
                var report = MnistEvaluator.Evaluate(mlContext, model, test, dataset);
                if (metricsPath is not null) report.Save(metricsPath);
                if (json)
                {
                    console.Profile.Out.Writer.WriteLine(report.ToJson());
                    return ExitCodes.Ok;
                }
                console.WriteLine($"Model {Path.GetFullPath(modelPath)} on the {dataset} test split");
                ReportView.WriteTestSummary(console, report);
                console.Write(ReportView.PerClassTable(report));
                console.Write(ReportView.ConfusionTable(report));
                if (metricsPath is not null) console.WriteLine($"Metrics written to {Path.GetFullPath(metricsPath)}");
                return ExitCodes.Ok;
            }
            catch (ArgumentOutOfRangeException e)
            {
                console.WriteErrorLine($"{Path.GetFullPath(modelPath)}: {e.Message}");
                return ExitCodes.Error;
            }
        });
    }
}
