using Mnist.MLNet.Pictures;
using Mnist.MLNet.Tabular;

namespace Mnist.Trainer.Commands;

// mnist evaluate --csv and --images: a model of a table on labelled rows, a model of pictures on a folder of them.
public static partial class EvaluateCommand
{
    private static readonly Option<string?> CsvOption = OptionFactory.File("--csv",
        "For a model trained with --csv: evaluate on this CSV file (the model's columns and its label) instead of MNIST");

    private static readonly Option<string?> ImagesOption = OptionFactory.Directory("--images",
        "For a model trained with --images: evaluate on this folder (one subfolder per class) instead of MNIST");

    /// <summary>Evaluates a model of a table on <paramref name="csvPath"/>, or one of an image folder on <paramref name="imagesPath"/>.</summary>
    public static int EvaluateTable(string modelPath, string? csvPath, string? imagesPath, string? metricsPath, bool json, IAnsiConsole console, CancellationToken ct)
    {
        return CommandFailures.Run(console, ct, () =>
        {
            var metrics = csvPath is not null ? TabularEvaluator.Evaluate(modelPath, csvPath) : ImageFolderModel.Load(modelPath).Evaluate(imagesPath!, ct);
            if (metricsPath is not null) AtomicFile.Write(metricsPath, System.Text.Encoding.UTF8.GetBytes(metrics.ToJson()));
            if (json)
            {
                console.Profile.Out.Writer.WriteLine(metrics.ToJson());
                return ExitCodes.Ok;
            }
            console.WriteLine($"Model {Path.GetFullPath(modelPath)} on {Path.GetFullPath(csvPath ?? imagesPath!)}");
            TableView.WriteMetrics(console, metrics, "Test");
            if (metricsPath is not null) console.WriteLine($"Metrics written to {Path.GetFullPath(metricsPath)}");
            return ExitCodes.Ok;
        });
    }
}
