using Mnist.MLNet.Display;
using Mnist.MLNet.Evaluation;

namespace Mnist.MLNet.Tests.Display;

public class ReportHtmlTests
{
    [Fact]
    public void ConfusionMatrix_TwoClasses_WritesCountsAndRecallInLabelOrder()
    {
        var report = new MetricsReport
        {
            Dataset = "test",
            ClassNames = ["a", "b"],
            TestRows = 10,
            TestAccuracy = 0.8,
            TestLogLoss = 0.5,
            MacroAccuracy = 0.8,
            ConfusionMatrix = [[4, 1], [1, 4]],
            PerClass = [new ClassMetrics(0, "a", 0.8, 0.8, 0.8, 5), new ClassMetrics(1, "b", 0.8, 0.8, 0.8, 5)],
            Misclassified = [],
        };

        var html = ReportHtml.ConfusionMatrix(report);

        Assert.Contains("<th>a</th><th>b</th><th>recall</th>", html);
        Assert.Contains("<tr><th>b</th><td style=\"background:rgba(214,39,40,1.00);text-align:right\">1</td>", html);
        Assert.Equal(2, html.Split("#c6e9c6").Length - 1);
    }

    [Fact]
    public void LearningCurve_ValidationHistory_DrawsAMarkerPerEpochAndTheStart()
    {
        var history = new[] { new EpochMetrics(1, 0.3, 0.9, 0.2, 0.95, 1, 100), new EpochMetrics(2, 0.1, 0.97, 0.1, 0.97, 1, 100) };

        var svg = ReportHtml.LearningCurve([(0.5, 0.6), (1.0, 0.3), (2.0, 0.1)], history, initialLoss: 2.3);

        Assert.StartsWith("<svg", svg);
        Assert.Equal(3, svg.Split("<circle").Length - 1);
    }
}
