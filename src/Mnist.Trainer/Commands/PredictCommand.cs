using Mnist.MLNet.Scoring.Tabular;
using Mnist.MLNet.Models;

namespace Mnist.Trainer.Commands;

/// <summary><c>mnist predict</c>: classify digits from images, folders, CSV and IDX files with a saved model.</summary>
public static partial class PredictCommand
{
    /// <summary>The CSV columns, in order; <c>--all-probabilities</c> adds <c>p_LABEL</c> for every class.</summary>
    public static readonly IReadOnlyList<string> Columns = ["source", "index", "predicted", "probability", "top3"];

    // Shades from no ink to full ink, two pixel rows per text line so the digit keeps its proportions.
    private const string Shades = " .:-=+*#%@";

    private static readonly Argument<string[]> InputsArgument = new("INPUT")
    {
        Description = "Image files (PNG, JPEG, BMP, ...), folders of images, CSV files of 784 pixel columns, IDX image files (raw or .gz); for a model of a table, one CSV file of its columns",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string?> OutOption = OptionFactory.File("--out",
        "Write the CSV here (all or nothing) instead of to standard output");

    private static readonly Option<bool> ShowOption = OptionFactory.Switch("--show",
        "Draw each digit beside its prediction (the CSV then goes to --out only)");

    private static readonly Option<bool> AllProbabilitiesOption = OptionFactory.Switch("--all-probabilities",
        "Add one column per class (p_0 ... p_9) with its probability");

    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("predict", "Predict digits with a saved model; writes CSV: source,index,predicted,probability,top3")
        {
            CommonOptions.ModelOption,
            InputsArgument,
            OutOption,
            ShowOption,
            AllProbabilitiesOption,
        };
        command.SetAction((result, ct) => Task.FromResult(Predict(result.GetValue(CommonOptions.ModelOption)!,
            result.GetValue(InputsArgument)!, result.GetValue(OutOption), result.GetValue(ShowOption),
            result.GetValue(AllProbabilitiesOption), console, ct)));
        return command;
    }

    public static int Predict(string modelPath, IReadOnlyList<string> inputPaths, string? outPath, bool show, bool allProbabilities,
        IAnsiConsole console, CancellationToken ct)
    {
        return CommandFailures.Run(console, ct, () =>
        {
            var card = ModelCard.Read(modelPath);
            if (TabularModel.IsTabular(card)) return PredictTable(modelPath, inputPaths, outPath, console);
            if (Mnist.MLNet.Pictures.ImageFolderModel.IsImageFolder(card)) return PredictPictures(modelPath, inputPaths, outPath, console);
            var classifier = DigitClassifier.Load(modelPath);
            var inputs = DigitInputs.Read(inputPaths, ct);
            var predictions = classifier.Predict(inputs);
            ct.ThrowIfCancellationRequested();

            if (show) Show(inputs, predictions, classifier.Classes, console);
            if (outPath is not null)
                AtomicFile.Write(outPath, stream => { using var writer = new StreamWriter(stream, leaveOpen: true); WriteCsv(writer, predictions, classifier.Classes, allProbabilities); });
            else if (!show)
                WriteCsv(console.Profile.Out.Writer, predictions, classifier.Classes, allProbabilities);
            return ExitCodes.Ok;
        });
    }

    /// <summary>Writes the header and one row per prediction.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<DigitPrediction> predictions, IReadOnlyList<string> classes, bool allProbabilities)
    {
        IEnumerable<string> header = Columns;
        if (allProbabilities) header = header.Concat(classes.Select(c => $"p_{c}"));
        writer.WriteLine(string.Join(',', header.Select(Quote)));
        foreach (var p in predictions)
        {
            var top3 = string.Join('|', p.Top(3).Select(t => $"{classes[t.Class]}:{Number(t.Probability)}"));
            IEnumerable<string> row = [Quote(p.Source), p.Index.ToString(CultureInfo.InvariantCulture), Quote(p.Predicted), Number(p.Probability), Quote(top3)];
            if (allProbabilities) row = row.Concat(p.Probabilities.Select(Number));
            writer.WriteLine(string.Join(',', row));
        }
        writer.Flush();
    }

    // Round-trip precision ("R"), so a checker reading the CSV sees the model's exact float.
    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";

    private static void Show(IReadOnlyList<DigitInput> inputs, IReadOnlyList<DigitPrediction> predictions, IReadOnlyList<string> classes, IAnsiConsole console)
    {
        for (int i = 0; i < inputs.Count; i++)
        {
            var p = predictions[i];
            var text = new Markup(
                $"[bold]{Markup.Escape(p.Predicted)}[/] ({p.Probability:P1})\n" +
                $"{Markup.Escape(Path.GetFileName(p.Source))} [[{p.Index}]]\n" +
                string.Join("\n", p.Top(3).Select(t => $"{Markup.Escape(classes[t.Class])}: {t.Probability:P1}")));
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            grid.AddRow(new Text(Render(inputs[i].Features)), text);
            console.Write(grid);
        }
    }

    /// <summary>The 28x28 digit as 14 lines of 28 shade characters.</summary>
    public static string Render(float[] features)
    {
        const int size = MnistResources.ImageColumns;
        var lines = new List<string>();
        for (int y = 0; y < MnistResources.ImageRows; y += 2)
        {
            var line = new char[size];
            for (int x = 0; x < size; x++)
            {
                float ink = (features[y * size + x] + features[(y + 1) * size + x]) / 2;
                line[x] = Shades[(int)Math.Round(Math.Clamp(ink, 0, 1) * (Shades.Length - 1))];
            }
            lines.Add(new string(line));
        }
        return string.Join('\n', lines);
    }
}
