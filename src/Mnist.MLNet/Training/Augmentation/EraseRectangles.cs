using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Augmentation;

/// <summary>Random erasing: one rectangle per chosen image set to the background (0), drawn as torchvision's
/// <c>RandomErasing</c> draws it, for the whole batch at once.</summary>
/// <param name="Top">First erased row of each image.</param>
/// <param name="Left">First erased column of each image.</param>
/// <param name="Height">Erased rows of each image; 0 where the image is left whole.</param>
/// <param name="Width">Erased columns of each image; 0 where the image is left whole.</param>
internal sealed record EraseRectangles(Tensor Top, Tensor Left, Tensor Height, Tensor Width)
{
    // torchvision's default aspect ratios, height over width.
    private static readonly double LogMinAspect = Math.Log(0.3), LogMaxAspect = Math.Log(1 / 0.3);

    /// <summary>Draws one rectangle per image: with probability <paramref name="probability"/> an area uniform in
    /// [<see cref="AugmentationOptions.EraseMinArea"/>, <paramref name="maxArea"/>] of the image and a log-uniform aspect ratio, placed
    /// uniformly inside the image; torchvision redraws a rectangle that does not fit, this clips it to the image.</summary>
    public static EraseRectangles Draw(long rows, ImageShape shape, double probability, double maxArea, Generator generator)
    {
        var (h, w) = ((double)shape.Height, (double)shape.Width);
        const double minArea = AugmentationOptions.EraseMinArea;
        var area = (rand([rows], generator: generator) * (maxArea - minArea) + minArea) * (h * w);
        var aspect = (rand([rows], generator: generator) * (LogMaxAspect - LogMinAspect) + LogMinAspect).exp();
        var chosen = rand([rows], generator: generator) < probability;
        var height = (area * aspect).sqrt().round().clamp(1, h) * chosen;
        var width = (area / aspect).sqrt().round().clamp(1, w) * chosen;
        var top = (rand([rows], generator: generator) * (h - height + 1)).floor();
        var left = (rand([rows], generator: generator) * (w - width + 1)).floor();
        return new EraseRectangles(top, left, height, width);
    }

    /// <summary><paramref name="features"/> ([rows, height * width]) with each rectangle set to 0.</summary>
    public Tensor Apply(Tensor features, ImageShape shape)
    {
        long rows = features.shape[0];
        var y = arange(shape.Height, dtype: ScalarType.Float32).view(1, shape.Height, 1);
        var x = arange(shape.Width, dtype: ScalarType.Float32).view(1, 1, shape.Width);
        var inRows = (y >= Top.view(rows, 1, 1)).logical_and(y < (Top + Height).view(rows, 1, 1));
        var inColumns = (x >= Left.view(rows, 1, 1)).logical_and(x < (Left + Width).view(rows, 1, 1));
        var erased = inRows.logical_and(inColumns).view(rows, shape.Size);
        return features.masked_fill(erased, 0f);
    }
}
