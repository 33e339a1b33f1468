using System.Globalization;

namespace Mnist.MLNet.Training;

/// <summary>How much each class's rows count in the training loss: <see cref="None"/> (every row alike),
/// <see cref="Balanced"/> (scikit-learn's <c>class_weight="balanced"</c>), <see cref="SquareRootBalanced"/> or
/// <see cref="Explicit"/>; the trainers' default is <see cref="None"/>.</summary>
/// <remarks>A weight scales its rows' loss and gradient, as a per-row example weight would; the validation loss that
/// decides when to stop stays unweighted.</remarks>
public sealed class ClassWeights
{
    private readonly float[]? _explicit;
    private readonly double _balancing;   // the power of rows / (classes x class rows): 0 none, 1 balanced

    private ClassWeights(float[]? weights, double balancing) => (_explicit, _balancing) = (weights, balancing);

    /// <summary>Every row counts the same.</summary>
    public static ClassWeights None { get; } = new(null, 0);

    /// <summary>Each class weighs rows / (classes x its rows), so every class counts as much in total.</summary>
    public static ClassWeights Balanced { get; } = new(null, 1);

    /// <summary>The square root of <see cref="Balanced"/>'s weights: classes of about equal size keep weights near 1,
    /// while 2% positives count 7 times a negative, not 49, so a rare class is learned without trading away most of
    /// the precision (docs/defaults.md).</summary>
    public static ClassWeights SquareRootBalanced { get; } = new(null, 0.5);

    /// <summary>One weight per class in key order (binary: false, then true); each must be positive and finite.</summary>
    public static ClassWeights Explicit(params float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0 || weights.Any(w => !(w > 0 && float.IsFinite(w))))
            throw new ArgumentOutOfRangeException(nameof(weights), $"Class weights must be positive and finite, one per class; got [{Text(weights)}].");
        return new([.. weights], 0);
    }

    /// <summary>Whether every row counts the same.</summary>
    public bool IsNone => _explicit is null && _balancing == 0;

    /// <summary>Each row's weight, or null for <see cref="None"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Explicit weights do not number <paramref name="classCount"/>.</exception>
    internal float[]? PerRow(long[] labels, int classCount)
    {
        if (IsNone) return null;
        float[] weights = _explicit ?? BalancedWeights(labels, classCount, _balancing);
        if (weights.Length != classCount)
            throw new ArgumentOutOfRangeException(nameof(MlpTrainer.Options.ClassWeights),
                $"{weights.Length} class weights given for {classCount} classes; give one per class, in key order.");
        return Array.ConvertAll(labels, label => weights[label]);
    }

    private static float[] BalancedWeights(long[] labels, int classCount, double power)
    {
        var counts = new long[classCount];
        foreach (var label in labels) counts[label]++;
        return Array.ConvertAll(counts, c => c == 0 ? 0f : (float)Math.Pow((double)labels.Length / (classCount * c), power));
    }

    public override string ToString() => _explicit is { } w ? Text(w) : _balancing switch
    {
        0 => "none",
        1 => "balanced",
        _ => "square root balanced",
    };

    private static string Text(float[] weights) => string.Join(",", weights.Select(w => w.ToString(CultureInfo.InvariantCulture)));
}
