using Mnist.MLNet.Tabular;
using Mnist.Trainer;

namespace Mnist.MLNet.Tests.Trainer;

public class TableViewTests
{
    [Fact]
    public void WriteMetrics_ErrorsOfATinyTarget_KeepTheirSignificantDigits()
    {
        var console = new CapturedConsole();
        var metrics = new TabularMetrics(MlpTask.Regression, 214, [new("R-squared", 0.99782), new("MAE", 1.5e-8), new("RMSE", 0), new("loss", 164.30591)]);

        TableView.WriteMetrics(console.Console, metrics, "Test");

        Assert.Equal(["Test R-squared: 0.9978", "Test MAE: 1.5E-08", "Test RMSE: 0.0000", "Test loss: 164.3059", "Test rows: 214"], console.Lines);
    }
}
