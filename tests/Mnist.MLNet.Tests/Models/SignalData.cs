namespace Mnist.MLNet.Tests.Models;

/// <summary>Eight standard-normal features in named columns F0..F7, of which only <see cref="Signal"/> decide the
/// label; the pipelines concatenate them into <c>Features</c>, whose slot names are the column names.</summary>
internal static class SignalData
{
    public static readonly string[] Columns = ["F0", "F1", "F2", "F3", "F4", "F5", "F6", "F7"];

    /// <summary>The two columns the labels depend on.</summary>
    public static readonly string[] Signal = ["F2", "F5"];

    public sealed class Row
    {
        [LoadColumn(0)] public float F0 { get; set; }
        [LoadColumn(1)] public float F1 { get; set; }
        [LoadColumn(2)] public float F2 { get; set; }
        [LoadColumn(3)] public float F3 { get; set; }
        [LoadColumn(4)] public float F4 { get; set; }
        [LoadColumn(5)] public float F5 { get; set; }
        [LoadColumn(6)] public float F6 { get; set; }
        [LoadColumn(7)] public float F7 { get; set; }

        /// <summary>Quadrant of (F2, F5): 0-3.</summary>
        [LoadColumn(8)] public uint Quadrant { get; set; }

        /// <summary>F2 + F5 &gt; 0.</summary>
        [LoadColumn(9)] public bool Positive { get; set; }

        /// <summary>3 F2 - 2 F5 plus a little noise.</summary>
        [LoadColumn(10)] public float Value { get; set; }

        /// <summary>Per-row example weight (1 unless a test sets it).</summary>
        [LoadColumn(11)] public float Weight { get; set; } = 1;
    }

    public static List<Row> Rows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var f = Enumerable.Range(0, 8).Select(_ => Normal(random)).ToArray();
            return new Row
            {
                F0 = f[0], F1 = f[1], F2 = f[2], F3 = f[3], F4 = f[4], F5 = f[5], F6 = f[6], F7 = f[7],
                Quadrant = (f[2] > 0 ? 1u : 0u) + (f[5] > 0 ? 2u : 0u),
                Positive = f[2] + f[5] > 0,
                Value = 3 * f[2] - 2 * f[5] + 0.1f * Normal(random),
            };
        }).ToList();
    }

    public static IDataView Load(MLContext ml, int count, int seed) => ml.Data.LoadFromEnumerable(Rows(count, seed));

    /// <summary>Writes the rows to a tab-separated file with a header, which <see cref="TextLoader"/> reads back.</summary>
    public static string WriteText(MLContext ml, string directory, int count, int seed)
    {
        var path = Path.Combine(directory, $"signal-{seed}.tsv");
        using var file = File.Create(path);
        ml.Data.SaveAsText(Load(ml, count, seed), file, separatorChar: '\t', headerRow: true, schema: false);
        return path;
    }

    public static TextLoader TextLoader(MLContext ml) => ml.Data.CreateTextLoader<Row>(separatorChar: '\t', hasHeader: true);

    /// <summary>Concatenates F0..F7 into <c>Features</c> (slot names F0..F7).</summary>
    public static IEstimator<ITransformer> Features(MLContext ml) => ml.Transforms.Concatenate("Features", Columns);

    /// <summary>The slot names of <paramref name="data"/>'s <c>Features</c>, in slot order.</summary>
    public static string[] SlotNames(IDataView data)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        data.Schema["Features"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>The names of the two slots whose permutation changes the metric most.</summary>
    public static string[] TopTwo(IDataView data, IEnumerable<double> importance) =>
        importance.Select((change, slot) => (Change: Math.Abs(change), Name: SlotNames(data)[slot]))
            .OrderByDescending(s => s.Change).Take(2).Select(s => s.Name).Order().ToArray();

    private static float Normal(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
