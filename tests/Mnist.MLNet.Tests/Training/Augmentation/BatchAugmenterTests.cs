using Mnist.MLNet.Training.Augmentation;
using static TorchSharp.torch;

namespace Mnist.MLNet.Tests.Training.Augmentation;

[Collection(LibTorchCollection.Name)]
public class BatchAugmenterTests
{
    private const int Side = 28;
    private const double Centre = (Side - 1) / 2.0;   // pixel-centre coordinates of the image's middle

    [Fact]
    public void Warp_Shift_MovesCentreOfMassByDrawnShift()
    {
        using var augmenter = new BatchAugmenter(new AugmentationOptions { ShiftPixels = 3 }, Side * Side, "Features");
        using var scope = NewDisposeScope();
        var (x, y) = CentresOfMass(Blobs());
        var draw = augmenter.Draw(x.Length, new Generator(5));
        var (movedX, movedY) = CentresOfMass(augmenter.Warp(Blobs(), draw));
        var (shiftX, shiftY) = (Values(draw.ShiftX), Values(draw.ShiftY));

        Assert.Contains(shiftX, s => Math.Abs(s) > 1);   // the draw really moves something
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] + shiftX[i], movedX[i], 0.02);
            Assert.Equal(y[i] + shiftY[i], movedY[i], 0.02);
        }
    }

    [Fact]
    public void Warp_RotationScaleShift_MovesCentreOfMassAboutImageCentre()
    {
        var options = new AugmentationOptions { ShiftPixels = 2, RotationDegrees = 30, Scale = 0.1 };
        using var augmenter = new BatchAugmenter(options, Side * Side, "Features");
        using var scope = NewDisposeScope();
        var (x, y) = CentresOfMass(Blobs());
        var draw = augmenter.Draw(x.Length, new Generator(11));
        var (movedX, movedY) = CentresOfMass(augmenter.Warp(Blobs(), draw));
        var (angle, scale, shiftX, shiftY) = (Values(draw.Angle), Values(draw.Scale), Values(draw.ShiftX), Values(draw.ShiftY));

        Assert.Contains(angle, a => Math.Abs(a) > 5 * Math.PI / 180);
        for (int i = 0; i < x.Length; i++)
        {
            // Content moves as p -> scale * R(angle) (p - centre) + centre + shift, with y pointing down.
            double dx = x[i] - Centre, dy = y[i] - Centre, c = Math.Cos(angle[i]), s = Math.Sin(angle[i]);
            Assert.Equal(Centre + scale[i] * (c * dx - s * dy) + shiftX[i], movedX[i], 0.05);
            Assert.Equal(Centre + scale[i] * (s * dx + c * dy) + shiftY[i], movedY[i], 0.05);
        }
    }

    [Fact]
    public void Warp_FlipAlways_MirrorsCentreOfMassLeftToRight()
    {
        using var augmenter = new BatchAugmenter(new AugmentationOptions { FlipProbability = 1 }, Side * Side, "Features");
        using var scope = NewDisposeScope();
        var (x, y) = CentresOfMass(Blobs());
        var (movedX, movedY) = CentresOfMass(augmenter.Warp(Blobs(), augmenter.Draw(x.Length, new Generator(2))));
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(2 * Centre - x[i], movedX[i], 0.02);
            Assert.Equal(y[i], movedY[i], 0.02);
        }
    }

    [Fact]
    public void Apply_SameSeedAndBatch_SameImages_OtherBatch_OtherImages()
    {
        var options = new AugmentationOptions { ShiftPixels = 2, RotationDegrees = 10, Scale = 0.1, ElasticAlpha = 30 };
        using var augmenter = new BatchAugmenter(options, Side * Side, "Features");
        using var scope = NewDisposeScope();
        var first = augmenter.Apply(Blobs(), epochSeed: 42, batch: 3);
        var again = augmenter.Apply(Blobs(), epochSeed: 42, batch: 3);
        var next = augmenter.Apply(Blobs(), epochSeed: 42, batch: 4);

        Assert.True(Same(first, again));
        Assert.False(Same(first, next));
        Assert.False(Same(first, Blobs()));
    }

    [Fact]
    public void EraseRectangles_ZeroesExactlyEachDrawnRectangle_InsideTheImage_WithinTheAreaBounds()
    {
        TorchRuntime.EnsureInitialized();   // this test reaches libtorch without an augmenter, which would load it
        using var scope = NewDisposeScope();
        const int rows = 400;
        var image = ones(rows, Side * Side);
        var rectangles = EraseRectangles.Draw(rows, ImageShape.Mnist, probability: 0.5, maxArea: 0.33, new Generator(7));
        var erased = rectangles.Apply(image, ImageShape.Mnist).view(rows, Side, Side).to_type(ScalarType.Float64);
        var (top, left, height, width) = (Values(rectangles.Top), Values(rectangles.Left), Values(rectangles.Height), Values(rectangles.Width));

        int chosen = 0;
        for (int i = 0; i < rows; i++)
        {
            var zeros = Side * Side - erased[i].sum().item<double>();
            Assert.Equal(height[i] * width[i], zeros);
            if (height[i] == 0) continue;
            chosen++;
            Assert.InRange(top[i], 0, Side - height[i]);
            Assert.InRange(left[i], 0, Side - width[i]);
            // Rounding each side to whole pixels moves the area a little past the drawn bounds.
            Assert.InRange(height[i] * width[i], 0.02 * Side * Side * 0.5, 0.33 * Side * Side * 1.3);
            Assert.Equal(0.0, erased[i, (long)top[i], (long)left[i]].item<double>());
            Assert.Equal(0.0, erased[i, (long)(top[i] + height[i] - 1), (long)(left[i] + width[i] - 1)].item<double>());
        }
        Assert.InRange(chosen, 160, 240);   // about half the images, as asked
    }

    [Fact]
    public void Apply_EraseOnly_LeavesEveryOtherPixelUntouched()
    {
        using var augmenter = new BatchAugmenter(new AugmentationOptions { EraseProbability = 1 }, Side * Side, "Features");
        using var scope = NewDisposeScope();
        var blobs = Blobs();
        var erased = augmenter.Apply(blobs, epochSeed: 1, batch: 0);

        var changed = erased.ne(blobs);
        Assert.True(changed.any().item<bool>());
        Assert.True(erased.masked_select(changed).eq(0).all().item<bool>());   // changed pixels became background
        Assert.True(Same(augmenter.Apply(blobs, epochSeed: 1, batch: 0), erased));
    }

    [Fact]
    public void Constructor_ShapeNotFeatureSize_ThrowsNamingColumnAndSizes()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new BatchAugmenter(new AugmentationOptions { ShiftPixels = 1 }, 100, "Pixels"));
        Assert.Contains("'Pixels'", e.Message);
        Assert.Contains("28x28", e.Message);
        Assert.Contains("784", e.Message);
        Assert.Contains("100", e.Message);
    }

    // Four smooth blobs away from the border (so no mass leaves the image), one per row of a batch.
    private static Tensor Blobs()
    {
        var centres = new (double X, double Y)[] { (10, 12), (16, 9), (13.5, 15), (11, 17) };
        var pixels = new float[centres.Length * Side * Side];
        for (int i = 0; i < centres.Length; i++)
            for (int row = 0; row < Side; row++)
                for (int col = 0; col < Side; col++)
                {
                    double dx = col - centres[i].X, dy = row - centres[i].Y;
                    pixels[i * Side * Side + row * Side + col] = (float)Math.Exp(-(dx * dx / 8 + dy * dy / 3));
                }
        return tensor(pixels, [centres.Length, Side * Side]);
    }

    private static (double[] X, double[] Y) CentresOfMass(Tensor features)
    {
        var images = features.view(-1, Side, Side).to_type(ScalarType.Float64);
        var index = arange(Side, dtype: ScalarType.Float64);
        var mass = images.sum([1, 2]);
        var x = (images * index.view(1, 1, Side)).sum([1, 2]) / mass;
        var y = (images * index.view(1, Side, 1)).sum([1, 2]) / mass;
        return (x.data<double>().ToArray(), y.data<double>().ToArray());
    }

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    private static double[] Values(Tensor t) => t.to_type(ScalarType.Float64).data<double>().ToArray();
}
