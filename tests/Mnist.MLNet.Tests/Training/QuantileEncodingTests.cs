using Mnist.MLNet.Network;
using Mnist.MLNet.Training;

namespace Mnist.MLNet.Tests.Training;

/// <summary>The features' quantiles a small set's network reads, and their folding into a layer of the model.</summary>
public class QuantileEncodingTests
{
    // Five kinds of column: normal, heavily skewed, 0/1, constant, and five values with ties.
    private static TrainingSet Columns(int rows, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows * 5];
        for (int r = 0; r < rows; r++)
        {
            double z = Normal(random);
            features[r * 5] = (float)z;
            features[r * 5 + 1] = (float)Math.Exp(3 * Normal(random));
            features[r * 5 + 2] = random.Next(4) == 0 ? 1 : 0;
            features[r * 5 + 3] = 7;
            features[r * 5 + 4] = random.Next(5);
        }
        return new TrainingSet(features, new long[rows], 5);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static float[] Column(TrainingSet set, int column) =>
        [.. Enumerable.Range(0, set.Count).Select(r => set.Features[r * set.InputSize + column])];

    [Fact]
    public void Encode_TrainingRows_AppendsEachFeaturesStandardisedRank()
    {
        var set = Columns(1_000, seed: 1);

        var encoded = QuantileEncoding.Fit(set).Encode(set);

        Assert.Equal(10, encoded.InputSize);
        Assert.Equal(Column(set, 1), Column(encoded, 1));   // the features themselves come first
        foreach (int continuous in new[] { 0, 1 })
        {
            var quantile = Column(encoded, 5 + continuous);
            Assert.InRange(quantile.Average(), -0.01, 0.01);
            Assert.InRange(Math.Sqrt(quantile.Average(q => q * q)), 0.98, 1.02);
            // A rank: the order of the feature, whatever its scale (the skewed column spans e^±9).
            var order = Column(set, continuous).Select((x, i) => (x, q: quantile[i])).OrderBy(p => p.x).Select(p => p.q).ToArray();
            Assert.True(order.Zip(order.Skip(1)).All(p => p.First <= p.Second + 1e-6f));
        }
        Assert.All(Column(encoded, 8), q => Assert.Equal(0f, q));   // a constant says nothing
        Assert.Equal(2, Column(encoded, 7).Distinct().Count());     // 0/1 stays two values
    }

    [Fact]
    public void Encode_BeyondTheTrainingRange_KeepsTheEndLevels()
    {
        var set = Columns(500, seed: 2);
        var quantiles = QuantileEncoding.Fit(set);
        var low = new TrainingSet([-1e6f, -1e6f, -5, -5, -5], [0], 5);
        var high = new TrainingSet([1e6f, 1e6f, 5, 5, 50], [0], 5);

        var lowest = quantiles.Encode(low).Features[5..];
        var highest = quantiles.Encode(high).Features[5..];

        Assert.All(lowest.Take(2), q => Assert.Equal(-Math.Sqrt(3), q, 1e-5));
        Assert.All(highest.Take(2), q => Assert.Equal(Math.Sqrt(3), q, 1e-5));
    }

    [Fact]
    public void Fold_AnyNetwork_ReadsRawFeaturesAndComputesWhatItDidOnTheEncodedOnes()
    {
        var set = Columns(400, seed: 3);
        var quantiles = QuantileEncoding.Fit(set);
        var random = new Random(4);
        LinearLayer Random(int inputs, int outputs) => new(inputs, outputs,
            [.. Enumerable.Range(0, inputs * outputs).Select(_ => (float)(random.NextDouble() * 2 - 1))],
            [.. Enumerable.Range(0, outputs).Select(_ => (float)(random.NextDouble() * 2 - 1))]);
        var trained = new MlpWeights([Random(10, 6), Random(6, 3)]);

        var folded = quantiles.Fold(trained);

        Assert.Equal(5, folded.InputSize);
        Assert.Equal(4, folded.Layers.Count);   // two that compute the quantiles, then the network
        // The training rows, then rows between, on and beyond their values.
        var probe = Columns(200, seed: 5);
        var far = new TrainingSet([-50, 1e5f, -1, 7, -3, 50, 1e-7f, 2, 6, 9, 0.5f, 0, 0.5f, 7, 2.5f], new long[3], 5);
        foreach (var rows in new[] { set, probe, far })
        {
            var expected = Forward(trained, quantiles.Encode(rows).Features, 10);
            var actual = Forward(folded, rows.Features, 5);
            for (int i = 0; i < expected.Length; i++)
                Assert.Equal(expected[i], actual[i], 1e-3 * (1 + Math.Abs(expected[i])));
        }
    }

    // Linear layers with ReLU between them, in double: what the graph and the transformer compute.
    private static double[] Forward(MlpWeights weights, float[] rows, int width)
    {
        var output = new List<double>();
        for (int r = 0; r < rows.Length / width; r++)
        {
            double[] x = [.. rows.Skip(r * width).Take(width).Select(v => (double)v)];
            for (int l = 0; l < weights.Layers.Count; l++)
            {
                var layer = weights.Layers[l];
                var y = new double[layer.OutputSize];
                for (int o = 0; o < layer.OutputSize; o++)
                {
                    double sum = layer.Bias[o];
                    for (int i = 0; i < layer.InputSize; i++) sum += layer.Weight[o * layer.InputSize + i] * x[i];
                    y[o] = l < weights.Layers.Count - 1 ? Math.Max(0, sum) : sum;
                }
                x = y;
            }
            output.AddRange(x);
        }
        return [.. output];
    }
}
