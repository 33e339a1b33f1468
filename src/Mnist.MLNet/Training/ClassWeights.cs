using System.Globalization;

namespace Mnist.MLNet.Training;

/// <summary>How much each class's rows count in the training loss: <see cref="None"/> (every row alike),
/// <see cref="Balanced"/> (scikit-learn's <c>class_weight="balanced"</c>) or <see cref="Explicit"/>.</summary>
/// <remarks>A weight scales its rows' loss and gradient, as a per-row example weight would; the validation loss that
/// decides when to stop stays unweighted.</remarks>
public sealed class ClassWeights
{
    private readonly float[]? _explicit;
    private readonly bool _balanced;

    private ClassWeights(float[]? weights, bool balanced) => (_explicit, _balanced) = (weights, balanced);

    /// <summary>Every row counts the same (the default).</summary>
    public static ClassWeights None { get; } = new(null, false);

    /// <summary>Each class weighs rows / (classes x its rows), so every class counts as much in total.</summary>
    public static ClassWeights Balanced { get; } = new(null, true);

    /// <summary>One weight per class in key order (binary: false, then true); each must be positive and finite.</summary>
    public static ClassWeights Explicit(params float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0 || weights.Any(w => !(w > 0 && float.IsFinite(w))))
            throw new ArgumentOutOfRangeException(nameof(weights), $"Class weights must be positive and finite, one per class; got [{Text(weights)}].");
        return new([.. weights], false);
    }

    /// <summary>Whether every row counts the same.</summary>
    public bool IsNone => _explicit is null && !_balanced;

    /// <summary>Each row's weight, or null for <see cref="None"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Explicit weights do not number <paramref name="classCount"/>.</exception>
    internal float[]? PerRow(long[] labels, int classCount)
    {
        if (IsNone) return null;
        float[] weights = _explicit ?? BalancedWeights(labels, classCount);
        if (weights.Length != classCount)
            throw new ArgumentOutOfRangeException(nameof(MlpTrainer.Options.ClassWeights),
                $"{weights.Length} class weights given for {classCount} classes; give one per class, in key order.");
        return Array.ConvertAll(labels, label => weights[label]);
    }

    private static float[] BalancedWeights(long[] labels, int classCount)
    {
        var counts = new long[classCount];
        foreach (var label in labels) counts[label]++;
        return Array.ConvertAll(counts, c => c == 0 ? 0f : (float)((double)labels.Length / (classCount * c)));
    }

    public override string ToString() => _balanced ? "balanced" : _explicit is { } w ? Text(w) : "none";

    private static string Text(float[] weights) => string.Join(",", weights.Select(w => w.ToString(CultureInfo.InvariantCulture)));
}
