using Mnist.MLNet.Models;

namespace Mnist.Benchmarks;

/// <summary>What the epoch benchmark trains on: rows as arrays (for the plain loop and the GEMM floor), the
/// network's shape, and how <c>MlpTrainer.Fit</c> gets the same rows.</summary>
public sealed record Workload(string Name, float[] Features, long[] Labels, int InputSize, int[] Hidden, int Classes, int BatchSize,
    Func<MlpTrainer.Options, IProgress<TrainingProgress>?, MlpTransformer> Fit)
{
    public int Count => Labels.Length;

    /// <summary>The tutorial: 60,000 MNIST images, 784-512-256-10 (or other hidden widths), batch 64.</summary>
    public static Workload Mnist(string directory, int batchSize, int[]? hidden = null)
    {
        var arrays = MnistArrays.Read(directory, MnistSplit.Train);
        hidden ??= [512, 256];
        return new($"MNIST 60,000 x 784, hidden [{string.Join(", ", hidden)}]", arrays.Features, arrays.Labels, MnistArrays.Pixels, hidden, 10, batchSize,
            (options, progress) => MlpTraining.Fit(directory, options, progress));
    }

    /// <summary>A small tabular set where per-operation overhead is nearly all of a step: 1,500 rows of 64 features
    /// labelled by a random linear teacher, hidden [64], 10 classes, batch 16.</summary>
    public static Workload Small(int seed)
    {
        const int Rows = 1500, Inputs = 64, Classes = 10;
        var random = new Random(seed);
        var teacher = Enumerable.Range(0, Inputs * Classes).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var features = Enumerable.Range(0, Rows * Inputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var labels = new long[Rows];
        for (int r = 0; r < Rows; r++)
            labels[r] = Enumerable.Range(0, Classes).MaxBy(c => Enumerable.Range(0, Inputs).Sum(i => features[r * Inputs + i] * teacher[c * Inputs + i]));
        return new("small 1,500 x 64, hidden [64]", features, labels, Inputs, [64], Classes, 16, (options, progress) =>
        {
            var ml = new MLContext(options.Seed);
            var rows = Enumerable.Range(0, Rows).Select(r => new SmallRow { Label = (uint)labels[r], Features = features[(r * Inputs)..((r + 1) * Inputs)] });
            var data = ml.Data.LoadFromEnumerable(rows);
            var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
            return new MlpTrainer(ml, options, progress).Fit(keyed);
        });
    }

    private sealed class SmallRow
    {
        public uint Label { get; set; }
        [VectorType(64)] public float[] Features { get; set; } = [];
    }
}
