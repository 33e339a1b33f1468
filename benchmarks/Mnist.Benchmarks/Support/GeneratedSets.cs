using System.Globalization;
using System.Text;

namespace Mnist.Benchmarks.Support;

/// <summary>Tabular sets drawn from a seed, written as CSV files the shipped sets' way (header, features, label last),
/// so ML.NET and scikit-learn read the same rows. Features are uniform in [-1, 1].</summary>
public static class GeneratedSets
{
    /// <summary>About 2% positives: <c>x0 + x1 &gt; 1.6</c>, 8 features.</summary>
    public static TabularSet Imbalanced(string directory, int seed, int rows = 5000) =>
        Write(directory, "imbalanced 2%", TabularTask.Binary, rows, 8, seed, x => x[0] + x[1] > 1.6 ? 1 : 0);

    /// <summary>A smooth target around a million: <c>3e5 (x0 + sin 3 x1) + 1e6</c>, 8 features.</summary>
    public static TabularSet LargeScaleTarget(string directory, int seed, int rows = 1000) =>
        Write(directory, "target ~1e6", TabularTask.Regression, rows, 8, seed, x => 3e5 * (x[0] + Math.Sin(3 * x[1])) + 1e6);

    /// <summary>2,000 rows of 64 features in 4 classes: the largest of 4 random linear scores of the features plus
    /// a sine of the first two, so the classes are neither linear nor separable by one feature.</summary>
    public static TabularSet Wide(string directory, int seed, int rows = 2000)
    {
        var random = new Random(seed + 1);
        var weights = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 64).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        return Write(directory, "wide 2000x64", TabularTask.Multiclass, rows, 64, seed, x =>
            Enumerable.Range(0, 4).MaxBy(k => weights[k].Select((w, i) => w * x[i]).Sum() + 2 * Math.Sin(3 * x[k])));
    }

    private static TabularSet Write(string directory, string name, TabularTask task, int rows, int features, int seed,
        Func<double[], double> label)
    {
        Directory.CreateDirectory(directory);
        string file = name.Split(' ')[0] + $"-{seed}.csv";
        var random = new Random(seed);
        var text = new StringBuilder(string.Join(",", Enumerable.Range(0, features).Select(i => $"x{i}")) + ",label\n");
        var x = new double[features];
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < features; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
            foreach (var value in x) text.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            text.Append(label(x).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        File.WriteAllText(Path.Combine(directory, file), text.ToString());
        return new TabularSet(name, file, task, features);
    }
}
