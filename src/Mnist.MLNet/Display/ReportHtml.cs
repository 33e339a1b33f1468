using System.Globalization;
using System.Net;
using System.Text;
using Mnist.MLNet.Evaluation;

namespace Mnist.MLNet.Display;

/// <summary>A metrics report and a learning curve as HTML and SVG, for notebooks and reports.</summary>
public static class ReportHtml
{
    /// <summary>The confusion matrix as an HTML table: rows the true class, columns the predicted one, the diagonal
    /// green, mistakes red in proportion to the largest, and each class's recall.</summary>
    public static string ConfusionMatrix(MetricsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var counts = report.ConfusionMatrix;
        int n = counts.Length;
        long worst = Math.Max(1, Enumerable.Range(0, n).SelectMany(t => Enumerable.Range(0, n).Where(p => p != t).Select(p => counts[t][p])).DefaultIfEmpty().Max());
        var html = new StringBuilder("<table><tr><th>true \\ predicted</th>");
        foreach (var name in report.ClassNames) html.Append(CultureInfo.InvariantCulture, $"<th>{WebUtility.HtmlEncode(name)}</th>");
        html.Append("<th>recall</th></tr>");
        for (int t = 0; t < n; t++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{WebUtility.HtmlEncode(report.ClassNames[t])}</th>");
            for (int p = 0; p < n; p++)
            {
                long count = counts[t][p];
                var colour = t == p ? "#c6e9c6" : count == 0 ? "white" : $"rgba(214,39,40,{0.15 + 0.85 * count / worst:0.00})";
                html.Append(CultureInfo.InvariantCulture, $"<td style=\"background:{colour};text-align:right\">{count:N0}</td>");
            }
            html.Append(CultureInfo.InvariantCulture, $"<td>{report.PerClass[t].Recall:P1}</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>The learning curve as SVG: the running training loss (<paramref name="trainLoss"/>, x in epochs, e.g.
    /// one point every few batches) as a line, and each epoch's validation loss as dots joined by a line.</summary>
    /// <param name="initialLoss">The untrained network's loss, drawn at epoch 0 of the validation line; null for none.</param>
    public static string LearningCurve(IReadOnlyList<(double Epoch, double Loss)> trainLoss, IReadOnlyList<EpochMetrics> history,
        double? initialLoss = null)
    {
        ArgumentNullException.ThrowIfNull(trainLoss);
        ArgumentNullException.ThrowIfNull(history);
        var validation = history.Where(e => e.ValidationLoss is not null).Select(e => ((double)e.Epoch, e.ValidationLoss!.Value)).ToList();
        if (initialLoss is { } start) validation.Insert(0, (0, start));
        var series = new[] { ("train (running)", "#1f77b4", trainLoss, false), ("validation", "#d62728", (IReadOnlyList<(double, double)>)validation, true) };
        var all = series.SelectMany(s => s.Item3).ToList();
        if (all.Count == 0) throw new ArgumentException("There is no loss to draw.", nameof(trainLoss));

        const int W = 640, H = 360, L = 60, R = 150, T = 30, B = 45;
        double x0 = all.Min(p => p.Item1), x1 = Math.Max(all.Max(p => p.Item1), x0 + 1), y1 = all.Max(p => p.Item2) * 1.05;
        double Sx(double x) => L + (x - x0) / (x1 - x0) * (W - L - R);
        double Sy(double y) => H - B - y / y1 * (H - T - B);
        var svg = new StringBuilder();
        void Add(FormattableString s) => svg.Append(s.ToString(CultureInfo.InvariantCulture));
        Add($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" font-family=\"sans-serif\" font-size=\"12\">");
        Add($"<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>");
        Add($"<text x=\"{(L + W - R) / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">Cross-entropy loss</text>");
        for (int i = 0; i <= 5; i++)
        {
            double y = y1 * i / 5;
            Add($"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{Sy(y):F1}\" y2=\"{Sy(y):F1}\" stroke=\"#ddd\"/>");
            Add($"<text x=\"{L - 6}\" y=\"{Sy(y) + 4:F1}\" text-anchor=\"end\">{y:0.00}</text>");
        }
        for (int e = (int)Math.Ceiling(x0); e <= x1; e++)
        {
            Add($"<line x1=\"{Sx(e):F1}\" x2=\"{Sx(e):F1}\" y1=\"{T}\" y2=\"{H - B}\" stroke=\"#ddd\"/>");
            Add($"<text x=\"{Sx(e):F1}\" y=\"{H - B + 16}\" text-anchor=\"middle\">{e}</text>");
        }
        Add($"<text x=\"{(L + W - R) / 2}\" y=\"{H - 8}\" text-anchor=\"middle\">epoch</text>");
        Add($"<text transform=\"translate(16,{(T + H - B) / 2}) rotate(-90)\" text-anchor=\"middle\">loss</text>");
        Add($"<rect x=\"{L}\" y=\"{T}\" width=\"{W - L - R}\" height=\"{H - T - B}\" fill=\"none\" stroke=\"#444\"/>");
        for (int s = 0; s < series.Length; s++)
        {
            var (name, colour, points, markers) = series[s];
            Add($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Sx(p.Item1):F1},{Sy(p.Item2):F1}")))}\"/>");
            if (markers)
                foreach (var p in points) Add($"<circle cx=\"{Sx(p.Item1):F1}\" cy=\"{Sy(p.Item2):F1}\" r=\"4\" fill=\"{colour}\"/>");
            Add($"<line x1=\"{W - R + 12}\" x2=\"{W - R + 32}\" y1=\"{T + 10 + 20 * s}\" y2=\"{T + 10 + 20 * s}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            Add($"<text x=\"{W - R + 38}\" y=\"{T + 14 + 20 * s}\">{name}</text>");
        }
        return svg.Append("</svg>").ToString();
    }
}
