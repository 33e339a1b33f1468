using Mnist.MLNet.Evaluation;

namespace Mnist.Trainer.Plots;

/// <summary>Writes every plot a report supports into one directory.</summary>
public static class PlotSet
{
    /// <summary>Draws the plots and returns the files written: the learning curves need a report from training
    /// (with epochs); the confusion matrix and misclassified grid come from any report.</summary>
    public static IReadOnlyList<string> WriteAll(MetricsReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        if (report.Epochs is { Count: > 0 } epochs)
            written.Add(Save(directory, LearningCurvesPlot.Png.FileName, path => LearningCurvesPlot.Save(epochs, path)));
        written.Add(Save(directory, ConfusionMatrixPlot.Png.FileName, path => ConfusionMatrixPlot.Save(report, path)));
        written.Add(Save(directory, MisclassifiedPlot.Png.FileName, path => MisclassifiedPlot.Save(report, path)));
        return written;
    }

    private static string Save(string directory, string fileName, Action<string> save)
    {
        var path = Path.GetFullPath(Path.Combine(directory, fileName));
        save(path);
        return path;
    }
}
