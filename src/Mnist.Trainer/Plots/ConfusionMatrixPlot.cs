using Mnist.MLNet.Evaluation;
using ScottPlot;

namespace Mnist.Trainer.Plots;

/// <summary><c>confusion-matrix.png</c>: a heatmap of the test counts, true classes down, predicted across, each
/// cell labelled with its count.</summary>
public static class ConfusionMatrixPlot
{
    public static readonly PlotFile Png = new("confusion-matrix.png", Width: 800, Height: 760);

    public static void Save(MetricsReport report, string path)
    {
        var counts = report.ConfusionMatrix;
        int n = counts.Length;
        // Log scale: the diagonal holds ~1000 per class and mistakes a handful; a linear scale would hide the mistakes.
        var intensities = new double[n, n];
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
                intensities[t, p] = -Math.Log10(1 + counts[t][p]);   // negated: ScottPlot's Blues runs dark to light

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues();
        heatmap.Rectangle = new CoordinateRect(-0.5, n - 0.5, -0.5, n - 0.5);
        double darkest = intensities.Cast<double>().Min();
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
            {
                // Row t is drawn at y = n - 1 - t, so true class 0 is the top row as in the table.
                var text = plot.Add.Text(counts[t][p].ToString(CultureInfo.InvariantCulture), p, n - 1 - t);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 14;
                text.LabelFontColor = intensities[t, p] < 0.6 * darkest ? Colors.White : Colors.Black;
            }

        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var names = report.ClassNames.Count == n ? report.ClassNames.ToArray() : positions.Select(p => p.ToString("0")).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.Select(p => n - 1 - p).ToArray(), names);
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.HideGrid();
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Confusion matrix ({report.TestRows:N0} test images, accuracy {100 * (report.TestAccuracy):F2}%)"));
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.SavePng(path, Png.Width, Png.Height);
    }
}
