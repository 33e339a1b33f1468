using Mnist.MLNet.Evaluation;
using Mnist.Trainer.Plots;

namespace Mnist.Trainer.Commands;

/// <summary><c>mnist plot</c>: redraw the PNG plots from a metrics file written by train or evaluate.</summary>
public static class PlotCommand
{
    private static readonly Option<string> MetricsOption = new("--metrics")
    {
        Description = "The metrics JSON written by mnist train --metrics (or mnist evaluate --metrics)",
        HelpName = "FILE",
        Required = true,
    };

    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "Directory to write the PNG files into",
        DefaultValueFactory = _ => "plots",
        HelpName = "DIR",
    };

    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("plot", "Draw learning-curves.png, confusion-matrix.png and misclassified.png from a metrics file")
        {
            MetricsOption, OutOption,
        };
        command.SetAction(result => Plot(result.GetValue(MetricsOption)!, result.GetValue(OutOption)!, console));
        return command;
    }

    public static int Plot(string metricsPath, string outDirectory, IAnsiConsole console)
    {
        return CommandFailures.Run(console, CancellationToken.None, () =>
        {
            var report = MetricsReport.Load(metricsPath);
            foreach (var path in PlotSet.WriteAll(report, outDirectory)) console.WriteLine($"Plot written to {path}");
            return ExitCodes.Ok;
        });
    }
}
