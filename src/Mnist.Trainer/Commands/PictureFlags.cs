using Mnist.MLNet.Pictures;
using static Mnist.Trainer.Commands.FlagValues;

namespace Mnist.Trainer.Commands;

/// <summary>The flags of <c>mnist train</c> that train on a folder of pictures (one subfolder per class) instead of
/// MNIST. Declared like <see cref="TrainFlags"/>, which lists them.</summary>
internal static class PictureFlags
{
    public static readonly TrainFlag<string?> Images = TrainFlag.ForPath("--images", "DIR",
        "Train on this folder of PNG/JPEG pictures, one subfolder per class, instead of MNIST", "none", s => s.Images, (s, v) => s.Images = v);

    public static readonly TrainFlag<int> Size = new(new Option<int>("--image-size")
    {
        Description = $"--images: resize every picture to N x N pixels [default: {ImageFolderTraining.Defaults.Size}]",
        HelpName = "N",
        CustomParser = r => ParseNumber<int>(r, "--image-size", Positive, "positive"),
    }, s => s.ImageSize, (s, v) => s.ImageSize = v, Invariant, s => s.Images is not null);

    public static readonly TrainFlag<bool> Color = new(new Option<bool>("--color")
    {
        Description = "--images: read red, green and blue instead of grey",
    }, s => s.Color, (s, v) => s.Color = v, _ => "true", s => s.Color);

    /// <summary>The flags, in the order help lists them.</summary>
    public static IReadOnlyList<TrainFlag> All { get; } = [Images, Size, Color];

    /// <summary>Checks that need two flags: the picture flags need a folder, and a folder excludes a CSV.</summary>
    public static void CheckCombination(System.CommandLine.Parsing.CommandResult r)
    {
        bool images = r.GetValue(Images.Typed) is not null;
        if (images && r.GetValue(TableFlags.Csv.Typed) is not null) r.AddError("--images and --csv cannot be combined: train on one or the other");
        if (!images)
            foreach (var flag in new TrainFlag[] { Size, Color })
                if (r.GetResult(flag.Option) is { Implicit: false })
                    r.AddError($"{flag.Option.Name} needs --images DIR");
    }
}
