using Mnist.MLNet.Evaluation;
using ScottPlot;

namespace Mnist.Trainer.Plots;

/// <summary><c>misclassified.png</c>: the test images the model got wrong most confidently, each titled with its
/// true and predicted class and the probability given.</summary>
public static class MisclassifiedPlot
{
    public static readonly PlotFile Png = new("misclassified.png", Width: 900, Height: 720);
    public const int Columns = 6;

    public static void Save(MetricsReport report, string path)
    {
        var plot = new Plot();
        var images = report.Misclassified.Take(Columns * 4).ToArray();
        int rows = Math.Max(1, (images.Length + Columns - 1) / Columns);
        const double Size = 28, Gap = 4, Caption = 9;   // in pixels of the digits
        for (int i = 0; i < images.Length; i++)
        {
            var image = images[i];
            double left = i % Columns * (Size + Gap);
            double top = -(i / Columns) * (Size + Gap + Caption);
            var pixels = new double[MnistResources.ImageRows, MnistResources.ImageColumns];
            for (int r = 0; r < MnistResources.ImageRows; r++)
                for (int c = 0; c < MnistResources.ImageColumns; c++)
                    pixels[r, c] = image.Pixels.Length == MnistResources.ImagePixels ? image.Pixels[r * MnistResources.ImageColumns + c] : 0;
            var heatmap = plot.Add.Heatmap(pixels);
            heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
            heatmap.ManualRange = new ScottPlot.Range(0, 255);
            heatmap.Rectangle = new CoordinateRect(left, left + Size, top - Caption - Size, top - Caption);

            var caption = plot.Add.Text(string.Create(CultureInfo.InvariantCulture,
                $"#{image.Index}: {Name(report, image.TrueLabel)} → {Name(report, image.PredictedLabel)} ({100 * (image.Probability):F0}%)"),
                left + Size / 2, top - Caption / 2);
            caption.LabelAlignment = Alignment.MiddleCenter;
            caption.LabelFontSize = 13;
        }
        if (images.Length == 0)
            plot.Add.Text("no misclassified images", 0, 0).LabelFontSize = 20;
        plot.HideAxesAndGrid();
        plot.Layout.Frameless();
        plot.Axes.SetLimits(-Gap, Columns * (Size + Gap), -rows * (Size + Gap + Caption), Gap);
        plot.SavePng(path, Png.Width, Png.Height);
    }

    private static string Name(MetricsReport report, int label) =>
        label >= 0 && label < report.ClassNames.Count ? report.ClassNames[label] : label.ToString(CultureInfo.InvariantCulture);
}
