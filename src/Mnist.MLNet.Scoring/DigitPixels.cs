namespace Mnist.MLNet.Scoring;

/// <summary>Prepares a decoded picture of one digit (any size; grey or colour) as the 784 features an MNIST model
/// reads, the way MNIST's digits were prepared; pure arithmetic on pixels, so servers and tools without an image
/// decoder share it.</summary>
/// <remarks>
/// MNIST's recipe (LeCun et al.): white ink on black; the digit scaled, aspect ratio kept and anti-aliased, to fit a
/// 20x20 box; then placed in the 28x28 field so that its centre of mass is at the centre. A 28x28 picture is taken
/// to be an MNIST digit already (only inverted if it is dark on light), so MNIST's own digits come back unchanged.
/// </remarks>
public static class DigitPixels
{
    /// <summary>The box the digit is scaled to fit, as in MNIST.</summary>
    public const int DigitBox = 20;

    // Measured on MNIST's test set: the mean centre of mass is (14.00, 13.99) in pixel indices, so 14, not 13.5.
    private const double CentreOfMass = 14.0;

    // Ink is what is brighter than this fraction of the brightest pixel; fainter smudges do not stretch the crop.
    private const float InkThreshold = 0.1f;

    /// <summary>Prepares a greyscale picture (<paramref name="grey"/> row-major, 0 black to 255 white) as 784 floats in [0,1].</summary>
    public static float[] Prepare(ReadOnlySpan<byte> grey, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (grey.Length != width * height)
            throw new ArgumentException($"{grey.Length} pixels, expected {width}x{height}", nameof(grey));

        var ink = new float[grey.Length];
        bool invert = BorderMean(grey, width, height) > 127.5;
        for (int i = 0; i < ink.Length; i++) ink[i] = (invert ? 255 - grey[i] : grey[i]) / 255f;

        if (width == MnistImage.Columns && height == MnistImage.Rows) return ink;
        return Normalise(ink, width, height);
    }

    /// <summary>Converts 8-bit RGBA pixels (<paramref name="rgba"/> row-major, not premultiplied) to 8-bit grey:
    /// luma of sRGB, composited on white where transparent.</summary>
    public static byte[] Grey(ReadOnlySpan<byte> rgba, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgba.Length != 4 * width * height)
            throw new ArgumentException($"{rgba.Length} bytes, expected {width}x{height}x4", nameof(rgba));
        var grey = new byte[width * height];
        for (int i = 0; i < grey.Length; i++)
        {
            int r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2], a = rgba[4 * i + 3];
            // Rec. 601 luma, as PIL's convert("L") uses; integer weights keep a grey pixel exactly its value.
            int luma = (r * 299 + g * 587 + b * 114 + 500) / 1000;
            grey[i] = (byte)((luma * a + 255 * (255 - a) + 127) / 255);
        }
        return grey;
    }

    // Scanned and photographed digits are dark on light, MNIST's are light on dark; the border is background.
    private static double BorderMean(ReadOnlySpan<byte> grey, int width, int height)
    {
        long sum = 0;
        int count = 0;
        for (int x = 0; x < width; x++)
        {
            sum += grey[x] + grey[(height - 1) * width + x];
            count += 2;
        }
        for (int y = 1; y < height - 1; y++)
        {
            sum += grey[y * width] + grey[y * width + width - 1];
            count += 2;
        }
        return (double)sum / count;
    }

    private static float[] Normalise(float[] ink, int width, int height)
    {
        var result = new float[MnistImage.Pixels];
        float max = ink.Max();
        if (max <= 0) return result;   // blank picture: nothing to place

        // Crop to the ink's bounding box.
        int left = width, right = -1, top = height, bottom = -1;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (ink[y * width + x] > max * InkThreshold)
                {
                    left = Math.Min(left, x); right = Math.Max(right, x);
                    top = Math.Min(top, y); bottom = Math.Max(bottom, y);
                }
        int cropWidth = right - left + 1, cropHeight = bottom - top + 1;

        // Fit the longer side to 20 pixels, keeping the aspect ratio.
        double scale = (double)DigitBox / Math.Max(cropWidth, cropHeight);
        int newWidth = Math.Clamp((int)Math.Round(cropWidth * scale), 1, DigitBox);
        int newHeight = Math.Clamp((int)Math.Round(cropHeight * scale), 1, DigitBox);
        var scaled = Resample(ink, width, left, top, cropWidth, cropHeight, newWidth, newHeight);

        // Shift so the centre of mass lands on the field's centre, keeping the whole digit inside the field.
        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < newHeight; y++)
            for (int x = 0; x < newWidth; x++)
            {
                float v = scaled[y * newWidth + x];
                mass += v; mx += v * x; my += v * y;
            }
        int offsetX = mass > 0 ? (int)Math.Round(CentreOfMass - mx / mass) : (MnistImage.Columns - newWidth) / 2;
        int offsetY = mass > 0 ? (int)Math.Round(CentreOfMass - my / mass) : (MnistImage.Rows - newHeight) / 2;
        offsetX = Math.Clamp(offsetX, 0, MnistImage.Columns - newWidth);
        offsetY = Math.Clamp(offsetY, 0, MnistImage.Rows - newHeight);
        for (int y = 0; y < newHeight; y++)
            for (int x = 0; x < newWidth; x++)
                result[(y + offsetY) * MnistImage.Columns + x + offsetX] = Math.Clamp(scaled[y * newWidth + x], 0f, 1f);
        return result;
    }

    // Separable triangle filter whose support widens with the reduction (as PIL's antialiased BILINEAR): it averages
    // every source pixel under a destination pixel when shrinking, and interpolates linearly when enlarging.
    private static float[] Resample(float[] source, int stride, int left, int top, int width, int height, int newWidth, int newHeight)
    {
        var horizontal = Weights(left, width, newWidth);
        var vertical = Weights(top, height, newHeight);
        var rows = new float[height * newWidth];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < newWidth; x++)
            {
                float sum = 0;
                foreach (var (index, weight) in horizontal[x]) sum += weight * source[(top + y) * stride + index];
                rows[y * newWidth + x] = sum;
            }
        var result = new float[newWidth * newHeight];
        for (int y = 0; y < newHeight; y++)
            for (int x = 0; x < newWidth; x++)
            {
                float sum = 0;
                foreach (var (index, weight) in vertical[y]) sum += weight * rows[(index - top) * newWidth + x];
                result[y * newWidth + x] = sum;
            }
        return result;
    }

    private static (int Index, float Weight)[][] Weights(int start, int length, int newLength)
    {
        double scale = (double)length / newLength;
        double support = Math.Max(1.0, scale);
        var result = new (int, float)[newLength][];
        for (int i = 0; i < newLength; i++)
        {
            double centre = (i + 0.5) * scale;
            int from = Math.Max(0, (int)Math.Floor(centre - support)), to = Math.Min(length - 1, (int)Math.Ceiling(centre + support));
            var taps = new List<(int, float)>();
            double total = 0;
            for (int j = from; j <= to; j++)
            {
                double w = Math.Max(0, 1 - Math.Abs(j + 0.5 - centre) / support);
                if (w > 0) { taps.Add((start + j, (float)w)); total += w; }
            }
            result[i] = taps.Select(t => (t.Item1, (float)(t.Item2 / total))).ToArray();
        }
        return result;
    }
}
