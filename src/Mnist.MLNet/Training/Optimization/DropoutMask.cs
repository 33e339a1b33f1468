using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>Inverted dropout for the hand-written step: keeps each value with probability <see cref="Keep"/> and scales
/// the kept ones by 1 / <see cref="Keep"/>, as <c>nn.Dropout</c> does in training.</summary>
/// <remarks>libtorch's <c>bernoulli_</c> and <c>uniform_</c> draw one value at a time from a locked Mersenne twister,
/// which cost more than the whole step on a small network; here one 63-bit seed per call comes from libtorch's global
/// generator (so <c>manual_seed</c> and a checkpoint's saved generator state decide the masks, as they do for
/// <c>nn.Dropout</c>) and SplitMix64 draws the rest, 32 bits a value.</remarks>
internal sealed class DropoutMask
{
    private readonly uint _threshold;
    private readonly float _scale;

    public DropoutMask(double dropout)
    {
        if (!(dropout > 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Must be in (0, 1).");
        Keep = 1 - dropout;
        _threshold = (uint)Math.Min(uint.MaxValue, Math.Round(Keep * 4294967296.0));
        _scale = (float)(1 / Keep);
    }

    /// <summary>The probability that a value is kept.</summary>
    public double Keep { get; }

    /// <summary>A seed for <see cref="Apply"/> from libtorch's global generator.</summary>
    public static ulong NextSeed()
    {
        using var draw = randint(long.MaxValue, [1], dtype: ScalarType.Int64);
        return (ulong)draw.item<long>();
    }

    /// <summary>Zeroes each of <paramref name="values"/> with probability 1 − <see cref="Keep"/> and scales the others,
    /// drawing from <paramref name="seed"/>; the same seed drops the same positions.</summary>
    public void Apply(Span<float> values, ulong seed)
    {
        ulong state = seed;
        int i = 0;
        for (; i + 1 < values.Length; i += 2)
        {
            ulong bits = SplitMix64(ref state);
            values[i] = (uint)bits < _threshold ? values[i] * _scale : 0;
            values[i + 1] = (uint)(bits >> 32) < _threshold ? values[i + 1] * _scale : 0;
        }
        if (i < values.Length) values[i] = (uint)SplitMix64(ref state) < _threshold ? values[i] * _scale : 0;
    }

    // Steele, Lea and Flood's SplitMix64 (java.util.SplittableRandom): a counter run through a 64-bit mixer.
    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
