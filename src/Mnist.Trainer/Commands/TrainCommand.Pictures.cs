using Mnist.MLNet.Pictures;
using Mnist.MLNet.Tabular;

namespace Mnist.Trainer.Commands;

// mnist train --images: the same trainer options, progress display and checkpoints as MNIST, on a folder of pictures.
public static partial class TrainCommand
{
    private static Task<int> TrainPicturesAsync(Settings settings, IAnsiConsole console, CancellationToken ct, IProgress<TrainingProgress>? observer)
    {
        var options = WithHoldOuts(settings, new ImageFolderTraining.Options
        {
            Directory = settings.Images!,
            Size = settings.ImageSize,
            Color = settings.Color,
        });
        return TrainBeyondMnistAsync(settings, console, ct, observer, $"the pictures in {Path.GetFullPath(options.Directory)}", "pictures",
            async (display, stages) =>
            {
                var (_, metrics, history) = await ImageFolderTraining.RunAsync(options, display, stages, ct);
                return (metrics, history, (TabularSchema?)null);
            });
    }
}
