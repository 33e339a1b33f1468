using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>Inverted dropout for the hand-written step: keeps each value with probability 1 − p and scales the kept
/// ones by <see cref="Scale"/>, 1 / (1 − p), as <c>nn.Dropout</c> does in training.</summary>
/// <remarks>libtorch's <c>bernoulli_</c> and <c>uniform_</c> draw one value at a time from a locked Mersenne twister,
/// which added about half a step to a network of [100] on 200 rows (docs/benchmarks.md); here one 63-bit seed per call comes from libtorch's global
/// generator (so <c>manual_seed</c> and a checkpoint's saved generator state decide the masks, as they do for
/// <c>nn.Dropout</c>) and SplitMix64 draws the rest, 32 bits a value.</remarks>
internal sealed class DropoutMask
{
    private readonly uint _threshold;

    public DropoutMask(double dropout)
    {
        if (!(dropout > 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Must be in (0, 1).");
        double keep = 1 - dropout;
        _threshold = (uint)Math.Min(uint.MaxValue, Math.Round(keep * 4294967296.0));
        Scale = (float)(1 / keep);
    }

    /// <summary>What a kept value is multiplied by, 1 / (1 − p); its gradient is scaled the same.</summary>
    public float Scale { get; }

    /// <summary>A seed for <see cref="Apply"/> from libtorch's global generator.</summary>
    public static ulong NextSeed()
    {
        using var draw = randint(long.MaxValue, [1], dtype: ScalarType.Int64);
        return (ulong)draw.item<long>();
    }

    /// <summary>Zeroes each of <paramref name="values"/> with probability p and scales the others by <see cref="Scale"/>,
    /// drawing from <paramref name="seed"/>; the same seed drops the same positions.</summary>
    public void Apply(Span<float> values, ulong seed)
    {
        ulong state = seed;
        int i = 0;
        for (; i + 1 < values.Length; i += 2)
        {
            ulong bits = SplitMix64(ref state);
            values[i] = (uint)bits < _threshold ? values[i] * Scale : 0;
            values[i + 1] = (uint)(bits >> 32) < _threshold ? values[i + 1] * Scale : 0;
        }
        if (i < values.Length) values[i] = (uint)SplitMix64(ref state) < _threshold ? values[i] * Scale : 0;
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
