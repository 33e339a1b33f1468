using Mnist.MLNet.Pictures;

namespace Mnist.Trainer.Commands;

// mnist predict for a model of an image folder: picture files and folders in, one CSV row per picture out.
public static partial class PredictCommand
{
    private static int PredictPictures(string modelPath, IReadOnlyList<string> inputPaths, string? outPath, IAnsiConsole console)
    {
        var model = ImageFolderModel.Load(modelPath);
        var files = inputPaths.SelectMany<string, string>(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                .Where(f => FolderPicture.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal)
            : [p]).ToArray();
        var predictions = model.Predict(files);
        void Write(TextWriter writer)
        {
            writer.WriteLine(string.Join(',', new[] { "source", "predicted" }.Concat(model.Card.ClassLabels.Select(c => "p_" + c)).Select(Quote)));
            foreach (var (file, predicted, probabilities) in predictions)
                writer.WriteLine(string.Join(',', new[] { Quote(file), Quote(predicted) }.Concat(probabilities.Select(Number))));
            writer.Flush();
        }
        if (outPath is not null)
            AtomicFile.Write(outPath, stream => { using var writer = new StreamWriter(stream, leaveOpen: true); Write(writer); });
        else
            Write(console.Profile.Out.Writer);
        return ExitCodes.Ok;
    }
}
