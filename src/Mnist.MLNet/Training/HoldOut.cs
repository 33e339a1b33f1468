namespace Mnist.MLNet.Training;

/// <summary>Sets aside part of the training rows to decide when to stop, when the user gave no validation set:
/// scikit-learn's <c>validation_fraction</c> of <c>early_stopping</c>, stratified for classification as its
/// <c>train_test_split(stratify=y)</c>, so a rare class is in both parts.</summary>
internal static class HoldOut
{
    /// <summary>scikit-learn's <c>validation_fraction</c>.</summary>
    public const double Fraction = 0.1;

    /// <summary>The rows to train on and the rows held out, drawn by <paramref name="seed"/>.</summary>
    /// <param name="stratify">Hold out <see cref="Fraction"/> of each class (every class of two rows or more gives
    /// at least one); otherwise <see cref="Fraction"/> of all rows.</param>
    public static (TrainingSet Train, TrainingSet Validation) Split(TrainingSet set, int seed, bool stratify)
    {
        var random = new Random(seed);
        var groups = stratify
            ? Enumerable.Range(0, set.Count).GroupBy(i => set.Labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray())
            : [Enumerable.Range(0, set.Count).ToArray()];
        var held = new List<int>();
        foreach (var rows in groups)
        {
            random.Shuffle(rows);
            int take = rows.Length < 2 ? 0 : Math.Max(1, (int)Math.Round(rows.Length * Fraction));
            held.AddRange(rows[..take]);
        }
        var isHeld = new bool[set.Count];
        foreach (var row in held) isHeld[row] = true;
        held.Sort();
        var kept = Enumerable.Range(0, set.Count).Where(i => !isHeld[i]).ToArray();
        return (Subset(set, kept), Subset(set, [.. held]));
    }

    /// <summary>Fewer rows than this train on all of them, without a held-out part: too few to judge a stopping point.</summary>
    public const int MinimumRows = 20;

    private static TrainingSet Subset(TrainingSet set, int[] rows)
    {
        int width = set.InputSize;
        var features = new float[(long)rows.Length * width];
        for (int i = 0; i < rows.Length; i++)
            Array.Copy(set.Features, (long)rows[i] * width, features, (long)i * width, width);
        return new TrainingSet(features, Array.ConvertAll(rows, r => set.Labels[r]), width,
            set.Values is { } values ? Array.ConvertAll(rows, r => values[r]) : null,
            set.Weights is { } weights ? Array.ConvertAll(rows, r => weights[r]) : null);
    }
}
