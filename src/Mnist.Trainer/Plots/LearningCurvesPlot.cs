using ScottPlot;

namespace Mnist.Trainer.Plots;

/// <summary><c>learning-curves.png</c>: loss (left) and accuracy (right) per epoch, training and validation.</summary>
public static class LearningCurvesPlot
{
    public static readonly PlotFile Png = new("learning-curves.png", Width: 1200, Height: 500);

    public static void Save(IReadOnlyList<EpochMetrics> epochs, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var x = epochs.Select(e => (double)e.Epoch).ToArray();
        bool validated = epochs.All(e => e.ValidationLoss is not null);

        var loss = multiplot.GetPlot(0);
        Curve(loss, x, epochs.Select(e => e.TrainLoss), "train", Colors.C0);
        if (validated) Curve(loss, x, epochs.Select(e => e.ValidationLoss!.Value), "validation", Colors.C1);
        Style(loss, "Cross-entropy loss", "loss", x, Alignment.UpperRight);

        var accuracy = multiplot.GetPlot(1);
        Curve(accuracy, x, epochs.Select(e => 100 * e.TrainAccuracy), "train", Colors.C0);
        if (validated) Curve(accuracy, x, epochs.Select(e => 100 * e.ValidationAccuracy!.Value), "validation", Colors.C1);
        Style(accuracy, "Accuracy", "accuracy (%)", x, Alignment.LowerRight);

        multiplot.SavePng(path, Png.Width, Png.Height);
    }

    private static void Curve(Plot plot, double[] x, IEnumerable<double> y, string label, ScottPlot.Color color)
    {
        var scatter = plot.Add.Scatter(x, y.ToArray(), color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 8;
    }

    private static void Style(Plot plot, string title, string yLabel, double[] x, Alignment legend)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.ShowLegend(legend);   // losses fall and accuracies rise: the opposite corner stays clear
        // Whole epochs only: the default ticks would put 1.5 between two epochs.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(x, x.Select(v => v.ToString("0")).ToArray());
        double padding = x.Length == 1 ? 1 : 0.25;
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(x.Min() - padding, x.Max() + padding);
    }
}
