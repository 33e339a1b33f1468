namespace Mnist.MLNet.Scoring.Pictures;

/// <summary>A decoded picture, already resized to the model's square, as the features a model of pictures reads:
/// grey (one plane) or colour (a red, a green and a blue plane, channel-major as PyTorch lays images out), each plane
/// row-major, each value in [0, 1]. Pure arithmetic, so the CLI and the server, which decode on their own, give a
/// model the same values.</summary>
public static class PictureFeatures
{
    /// <summary>The features of <paramref name="rgba"/>: 8-bit RGBA pixels (not premultiplied) of a
    /// <paramref name="size"/> x <paramref name="size"/> picture.</summary>
    public static float[] FromRgba(ReadOnlySpan<byte> rgba, int size, bool color)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (rgba.Length != 4 * size * size)
            throw new ArgumentException($"{rgba.Length} bytes, expected {size}x{size}x4", nameof(rgba));
        int channels = color ? 3 : 1;
        var features = new float[size * size * channels];
        for (int p = 0; p < size * size; p++)
        {
            float r = rgba[4 * p] / 255f, g = rgba[4 * p + 1] / 255f, b = rgba[4 * p + 2] / 255f;
            if (color) (features[p], features[size * size + p], features[2 * size * size + p]) = (r, g, b);
            else features[p] = 0.299f * r + 0.587f * g + 0.114f * b;   // ITU-R BT.601 luma, as PIL's convert("L")
        }
        return features;
    }
}
