using Mnist.MLNet.Evaluation;

namespace Mnist.Trainer;

/// <summary>Renders a <see cref="MetricsReport"/> as text and tables.</summary>
public static class ReportView
{
    /// <summary>One row per epoch: losses, accuracies, time and throughput.</summary>
    public static Table EpochTable(IReadOnlyList<EpochMetrics> epochs)
    {
        var table = new Table().Title("Training").AddColumns("Epoch", "Train loss", "Train acc", "Val loss", "Val acc", "Seconds", "Samples/s");
        foreach (var column in table.Columns) column.RightAligned();
        foreach (var e in epochs)
            table.AddRow(N(e.Epoch), N(e.TrainLoss, "F4"), N(100 * e.TrainAccuracy, "F2") + "%",
                e.ValidationLoss is { } vl ? N(vl, "F4") : "-", e.ValidationAccuracy is { } va ? N(100 * va, "F2") + "%" : "-",
                N(e.Seconds, "F1"), N(e.SamplesPerSecond, "N0"));
        return table;
    }

    /// <summary>Test accuracy, log-loss and macro-accuracy, one line each.</summary>
    public static void WriteTestSummary(IAnsiConsole console, MetricsReport report)
    {
        console.WriteLine($"Test accuracy:  {N(report.TestAccuracy, "F4")} ({N(100 * report.TestAccuracy, "F2") + "%"} of {N(report.TestRows)} images)");
        console.WriteLine($"Test log-loss:  {N(report.TestLogLoss, "F4")}");
        console.WriteLine($"Macro accuracy: {N(report.MacroAccuracy, "F4")}");
    }

    /// <summary>Precision, recall, F1 and support of each class.</summary>
    public static Table PerClassTable(MetricsReport report)
    {
        var table = new Table().Title("Per class").AddColumns("Class", "Precision", "Recall", "F1", "Support");
        for (int i = 1; i < table.Columns.Count; i++) table.Columns[i].RightAligned();
        foreach (var c in report.PerClass)
            table.AddRow(Markup.Escape(c.Name), N(c.Precision, "F4"), N(c.Recall, "F4"), N(c.F1, "F4"), N(c.Support));
        return table;
    }

    /// <summary>Counts with true classes down and predicted classes across; the diagonal in green.</summary>
    public static Table ConfusionTable(MetricsReport report)
    {
        var table = new Table().Title("Confusion matrix (rows: true, columns: predicted)").AddColumn("True \\ Pred");
        for (int c = 0; c < report.ConfusionMatrix.Length; c++) table.AddColumn(new TableColumn(N(c)).RightAligned());
        for (int t = 0; t < report.ConfusionMatrix.Length; t++)
            table.AddRow([N(t), .. report.ConfusionMatrix[t].Select((count, p) => p == t ? $"[green]{N(count)}[/]" : count == 0 ? "[grey]0[/]" : N(count))]);
        return table;
    }

    private static string N(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
}
