namespace Mnist.MLNet.Tests.Training;

/// <summary>Small data sets generated in the test, each one a linear model cannot fit.</summary>
internal static class TabularData
{
    public sealed class BinaryRow
    {
        public bool Label { get; set; }
        [VectorType(2)] public float[] Features { get; set; } = [];
    }

    public sealed class RegressionRow
    {
        public float Label { get; set; }
        [VectorType(1)] public float[] Features { get; set; } = [];
    }

    public sealed class TextLabelRow
    {
        public string Label { get; set; } = "";
        [VectorType(2)] public float[] Features { get; set; } = [];
    }

    /// <summary>Two interleaved spirals, one per class, each 1.5 turns round the origin with a little noise.</summary>
    public static IDataView Spirals(MLContext ml, int perClass, int seed)
    {
        var random = new Random(seed);
        var rows = new List<BinaryRow>();
        for (int i = 0; i < perClass; i++)
        {
            double t = 0.25 + 2.75 * Math.PI * i / perClass, radius = t / (3 * Math.PI);
            foreach (var positive in new[] { false, true })
            {
                double angle = t + (positive ? Math.PI : 0);
                rows.Add(new BinaryRow
                {
                    Label = positive,
                    Features = [(float)(radius * Math.Cos(angle) + Noise(random, 0.02)), (float)(radius * Math.Sin(angle) + Noise(random, 0.02))],
                });
            }
        }
        return ml.Data.LoadFromEnumerable(rows);
    }

    /// <summary>x0 = e^(3z) for a standard normal z, so that after NormalizeMeanVariance nearly every row sits near zero
    /// and a few thousand times further out; the label alternates along z (sin 3z > 0). x1 is uniform noise.</summary>
    public static IDataView Skewed(MLContext ml, int count, int seed)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(_ =>
        {
            double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return new BinaryRow { Label = Math.Sin(3 * z) > 0, Features = [(float)Math.Exp(3 * z), (float)random.NextDouble()] };
        }).ToList());
    }

    /// <summary>y = 50 + 10 sin(2x) plus noise of standard deviation 0.5, x uniform in [-3, 3]: a label far from
    /// standardised, so the model must map its predictions back.</summary>
    public static IDataView NoisySine(MLContext ml, int count, int seed)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(_ =>
        {
            double x = random.NextDouble() * 6 - 3;
            return new RegressionRow { Label = (float)(50 + 10 * Math.Sin(2 * x) + Noise(random, 0.5)), Features = [(float)x] };
        }).ToList());
    }

    /// <summary>Gaussian blobs named by text labels, arranged so no straight line separates the outer ones from the
    /// centre.</summary>
    public static IDataView Blobs(MLContext ml, int perClass, int seed)
    {
        var random = new Random(seed);
        (string Name, double X, double Y)[] centres = [("centre", 0, 0), ("east", 2, 0), ("west", -2, 0), ("north", 0, 2)];
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, perClass).SelectMany(_ => centres.Select(c => new TextLabelRow
        {
            Label = c.Name,
            Features = [(float)(c.X + Noise(random, 0.4)), (float)(c.Y + Noise(random, 0.4))],
        })).ToList());
    }

    private static double Noise(Random random, double deviation) =>
        deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
