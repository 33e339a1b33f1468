using Mnist.MLNet.Native;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Mnist.MLNet.Training.Augmentation;

/// <summary>Distorts a batch of feature vectors read as images: a random affine warp per image (shift, rotation,
/// scale) and an optional elastic distortion, sampled bilinearly with libtorch's <c>affine_grid</c> and
/// <c>grid_sample</c>, then optional random erasing.</summary>
/// <remarks>Each batch draws from its own generator seeded with (epoch seed, batch index), so a run resumed in the
/// middle of an epoch draws exactly what the uninterrupted run drew, without replaying the earlier batches.</remarks>
internal sealed class BatchAugmenter : IDisposable
{
    private readonly AugmentationOptions _options;
    private readonly Generator _generator;
    private readonly Tensor? _gaussian;

    /// <exception cref="ArgumentOutOfRangeException">The image shape does not hold <paramref name="featureSize"/>
    /// values; the message names the column and both sizes.</exception>
    public BatchAugmenter(AugmentationOptions options, int featureSize, string featureColumnName)
    {
        CheckShape(options, featureSize, featureColumnName);
        TorchRuntime.EnsureInitialized();
        _options = options;
        _generator = new Generator(0);
        if (options.ElasticAlpha > 0) _gaussian = GaussianKernel(options.ElasticSigma);
    }

    /// <summary>Refuses options whose image shape does not hold a row of the feature column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The message names the column and both sizes.</exception>
    public static void CheckShape(AugmentationOptions options, int featureSize, string featureColumnName)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.ImageShape.Size != featureSize)
            throw new ArgumentOutOfRangeException(nameof(AugmentationOptions.ImageShape),
                $"Augmentation reads feature column '{featureColumnName}' as {options.ImageShape} images " +
                $"({options.ImageShape.Size} values), but the column holds Vector<Single, {featureSize}>. " +
                $"Set {nameof(AugmentationOptions)}.{nameof(AugmentationOptions.ImageShape)} to the images' shape.");
    }

    /// <summary>Draws the seed of one epoch's augmentation from the trainer's generator.</summary>
    public static long DrawEpochSeed(Generator generator)
    {
        using var seed = randint(0, int.MaxValue, [1], dtype: ScalarType.Int64, generator: generator);
        return seed.item<long>();
    }

    /// <summary>The distorted batch, [rows, height * width] like <paramref name="features"/>.</summary>
    public Tensor Apply(Tensor features, long epochSeed, int batch)
    {
        // A fixed odd multiplier spreads consecutive batches over the seed space.
        _generator.manual_seed(unchecked(epochSeed * 1_000_003L + batch));
        long rows = features.shape[0];
        var moved = _options.MovesPixels ? Warp(features, Draw(rows, _generator)) : features;
        // Erased after the warp, as torchvision's RandomErasing follows the other transforms, so a hole never blurs.
        if (_options.EraseProbability == 0) return moved;
        var rectangles = EraseRectangles.Draw(rows, _options.ImageShape, _options.EraseProbability, _options.EraseMaxArea, _generator);
        return rectangles.Apply(moved, _options.ImageShape);
    }

    /// <summary>Draws each image's shift, rotation, scale and displacement field.</summary>
    public AffineDraw Draw(long rows, Generator generator)
    {
        Tensor Uniform(double half) => (rand([rows], generator: generator) * 2 - 1) * half;
        var angle = Uniform(_options.RotationDegrees * Math.PI / 180);
        var scale = Uniform(_options.Scale) + 1;
        var shiftX = Uniform(_options.ShiftPixels);
        var shiftY = Uniform(_options.ShiftPixels);
        // Drawn only when asked for, so that runs without flips keep the draws they had before the option existed.
        Tensor? flip = _options.FlipProbability > 0
            ? where(rand([rows], generator: generator) < _options.FlipProbability, -1f, 1f)
            : null;
        Tensor? displacement = null;
        if (_gaussian is not null)
        {
            var (h, w) = (_options.ImageShape.Height, _options.ImageShape.Width);
            var field = rand([rows * 2, 1, h, w], generator: generator) * 2 - 1;
            displacement = (Smooth(field) * _options.ElasticAlpha).view(rows, 2, h, w).permute(0, 2, 3, 1);
        }
        return new AffineDraw(angle, scale, shiftX, shiftY, flip, displacement);
    }

    /// <summary>Applies <paramref name="draw"/>: the content of each image is rotated and scaled about the image
    /// centre, then shifted; the elastic displacement moves each output pixel's sampling point.</summary>
    public Tensor Warp(Tensor features, AffineDraw draw)
    {
        long rows = features.shape[0];
        var (h, w) = (_options.ImageShape.Height, _options.ImageShape.Width);
        // grid_sample maps each output pixel to the input point it reads, so the grid holds the inverse warp,
        // p_in = Flip R(-angle) (p_out - shift) / scale, in pixels about the centre, converted to [-1, 1] per axis.
        var (cos, sin) = (draw.Angle.cos() / draw.Scale, draw.Angle.sin() / draw.Scale);
        var backX = cos * draw.ShiftX + sin * draw.ShiftY;
        var backY = -sin * draw.ShiftX + cos * draw.ShiftY;
        var rowX = stack([cos, sin * ((double)h / w), -backX * (2.0 / w)], 1);
        if (draw.Flip is { } flip) rowX = rowX * flip.unsqueeze(1);
        var theta = stack([rowX, stack([-sin * ((double)w / h), cos, -backY * (2.0 / h)], 1)], 1);
        var grid = F.affine_grid(theta, [rows, 1, h, w], align_corners: false);
        if (draw.Displacement is { } d)
            grid = grid + d * tensor(new[] { 2.0f / w, 2.0f / h });
        var images = features.view(rows, 1, h, w);
        return F.grid_sample(images, grid, align_corners: false).view(rows, h * w);
    }

    public void Dispose()
    {
        _generator.Dispose();
        _gaussian?.Dispose();
    }

    // Separable blur: a column pass then a row pass of one normalised 1-D Gaussian, zero beyond the border.
    private Tensor Smooth(Tensor field)
    {
        long k = _gaussian!.shape[0], pad = k / 2;
        var column = F.conv2d(field, _gaussian.view(1, 1, k, 1), padding: [pad, 0]);
        return F.conv2d(column, _gaussian.view(1, 1, 1, k), padding: [0, pad]);
    }

    private static Tensor GaussianKernel(double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        var x = arange(-radius, radius + 1, dtype: ScalarType.Float32);
        var kernel = (-(x * x) / (2 * sigma * sigma)).exp();
        var normalised = kernel / kernel.sum();
        var result = normalised.detach().clone();
        x.Dispose(); kernel.Dispose(); normalised.Dispose();
        return result;
    }
}
