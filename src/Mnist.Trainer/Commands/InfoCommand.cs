using Microsoft.ML;

namespace Mnist.Trainer.Commands;

/// <summary><c>mnist info</c>: rows, label histogram and pixel mean/std of each split; with <c>--model</c>, the
/// model's card instead.</summary>
public static class InfoCommand
{
    private static readonly Option<string?> ModelOption = OptionFactory.File("--model",
        "Show this saved model's card (what it reads and predicts, its training options and epochs) instead of the dataset");

    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("info", "Show row counts, label histogram and pixel mean/std of each split, or a model's card")
        {
            CommonOptions.DatasetOption,
            CommonOptions.DataOption,
            ModelOption,
        };
        command.SetAction((result, ct) => Task.FromResult(result.GetValue(ModelOption) is { } model
            ? ModelInfo(model, console)
            : Info(result.GetValue(CommonOptions.DatasetOption), CommonOptions.DataDirectory(result), console, ct)));
        return command;
    }

    /// <summary>Prints the card of the model zip at <paramref name="modelPath"/>.</summary>
    public static int ModelInfo(string modelPath, IAnsiConsole console)
    {
        return CommandFailures.Run(console, CancellationToken.None, () =>
        {
            ModelCardView.Write(console, modelPath, ModelCard.Read(modelPath));
            return ExitCodes.Ok;
        });
    }

    public static int Info(MnistDataset dataset, string directory, IAnsiConsole console, CancellationToken ct)
    {
        return CommandFailures.Run(console, ct, () =>
        {
            var mlContext = new MLContext();
            var splits = new[] { MnistSplit.Train, MnistSplit.Test };
            var statistics = new List<MnistStatistics>();
            foreach (var split in splits)
            {
                ct.ThrowIfCancellationRequested();
                statistics.Add(MnistStatistics.Compute(mlContext.Data.LoadMnist(directory, split, dataset)));
            }
            Render(dataset, directory, splits, statistics, console);
            return ExitCodes.Ok;
        });
    }

    private static void Render(MnistDataset dataset, string directory, MnistSplit[] splits, List<MnistStatistics> statistics, IAnsiConsole console)
    {
        static string N(double v, string format = "0") => v.ToString(format, CultureInfo.InvariantCulture);
        console.MarkupLine($"[bold]{dataset}[/] in {Markup.Escape(Path.GetFullPath(directory))}");

        var summary = new Table().AddColumns("Split", "Rows", "Pixel mean", "Pixel std");
        for (int i = 0; i < splits.Length; i++)
            summary.AddRow(splits[i].ToString(), N(statistics[i].RowCount), N(statistics[i].PixelMean, "0.0000"), N(statistics[i].PixelStd, "0.0000"));
        console.Write(summary);

        var histogram = new Table().AddColumn("Label").AddColumn("Class");
        foreach (var split in splits) histogram.AddColumn(new TableColumn(split.ToString()).RightAligned());
        var names = MnistResources.ClassNames(dataset);
        for (int label = 0; label < names.Count; label++)
            histogram.AddRow([N(label), Markup.Escape(names[label]), .. statistics.Select(s => N(s.LabelCounts[label]))]);
        console.Write(histogram);
    }
}
