using Mnist.MLNet.Scoring.Tabular;

namespace Mnist.Trainer.Commands;

// mnist predict for a model of a table: one CSV file in, its rows with their predictions out.
public static partial class PredictCommand
{
    private static int PredictTable(string modelPath, IReadOnlyList<string> inputPaths, string? outPath, IAnsiConsole console)
    {
        if (inputPaths.Count != 1 || Directory.Exists(inputPaths[0]))
        {
            console.WriteErrorLine($"{Path.GetFullPath(modelPath)} reads the columns of a table: give one CSV file to predict, not {string.Join(" ", inputPaths)}");
            return ExitCodes.BadArguments;
        }
        using var model = TabularModel.Load(modelPath);
        var table = CsvTable.Read(inputPaths[0]);
        var predictions = model.Predict(table);
        if (outPath is not null)
            AtomicFile.Write(outPath, stream =>
            {
                using var writer = new StreamWriter(stream, leaveOpen: true);
                PredictionsCsv.Write(writer, table, predictions, model.Card);
            });
        else
            PredictionsCsv.Write(console.Profile.Out.Writer, table, predictions, model.Card);
        return ExitCodes.Ok;
    }
}
