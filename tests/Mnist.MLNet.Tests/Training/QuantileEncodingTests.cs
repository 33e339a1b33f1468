using Mnist.MLNet.Network;
using Mnist.MLNet.Tests.Models;
using Mnist.MLNet.Training;

namespace Mnist.MLNet.Tests.Training;

/// <summary>The features' quantiles a small set's network reads, and their folding into a layer of the model.</summary>
public class QuantileEncodingTests
{
    // Six kinds of column: normal, heavily skewed, 0/1, constant, five values with ties, and zero-inflated (70% zeros,
    // the rest skewed).
    private static TrainingSet Columns(int rows, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows * 6];
        for (int r = 0; r < rows; r++)
        {
            features[r * 6] = (float)Normal(random);
            features[r * 6 + 1] = (float)Math.Exp(3 * Normal(random));
            features[r * 6 + 2] = random.Next(4) == 0 ? 1 : 0;
            features[r * 6 + 3] = 7;
            features[r * 6 + 4] = random.Next(5);
            features[r * 6 + 5] = random.NextDouble() < 0.7 ? 0 : (float)Math.Exp(2 * Normal(random));
        }
        return new TrainingSet(features, new long[rows], 6);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static float[] Column(TrainingSet set, int column) =>
        [.. Enumerable.Range(0, set.Count).Select(r => set.Features[r * set.InputSize + column])];

    [Fact]
    public void Fit_QuantilesCloseToACopyOfTheFeature_AreLeftOut()
    {
        var quantiles = QuantileEncoding.Fit(Columns(1_000, seed: 1))!;

        // Normal (correlation 0.98 with its quantile), 0/1, constant and evenly spread values add nothing.
        Assert.Equal([1, 5], quantiles.Columns);
        Assert.Equal(8, quantiles.OutputSize);
        Assert.Null(QuantileEncoding.Fit(new TrainingSet([.. Enumerable.Range(0, 100).Select(i => (float)i)], new long[100], 1)));
    }

    [Fact]
    public void Encode_TrainingRows_AppendsTheStandardisedRankOfEachSkewedFeature()
    {
        var set = Columns(1_000, seed: 1);

        var encoded = QuantileEncoding.Fit(set)!.Encode(set);

        Assert.Equal(8, encoded.InputSize);
        for (int j = 0; j < 6; j++) Assert.Equal(Column(set, j), Column(encoded, j));   // the features themselves come first
        var quantile = Column(encoded, 6);
        Assert.InRange(quantile.Average(), -0.01, 0.01);
        Assert.InRange(Math.Sqrt(quantile.Average(q => q * q)), 0.98, 1.02);
        // A rank: the order of the feature, whatever its scale (it spans e^±9).
        var order = Column(set, 1).Select((x, i) => (x, q: quantile[i])).OrderBy(p => p.x).Select(p => p.q).ToArray();
        Assert.True(order.Zip(order.Skip(1)).All(p => p.First <= p.Second + 1e-6f));
        // The zeros of the zero-inflated feature share one level, the mean of their ranks.
        var zeros = Column(set, 5).Select((x, i) => (x, q: Column(encoded, 7)[i])).Where(p => p.x == 0).Select(p => p.q).Distinct();
        Assert.Single(zeros);
    }

    [Fact]
    public void Encode_BeyondTheTrainingRange_KeepsTheEndLevels()
    {
        var quantiles = QuantileEncoding.Fit(Columns(500, seed: 2))!;

        var lowest = quantiles.Encode(new TrainingSet([0, -1e6f, 0, 7, 0, -5], [0], 6)).Features[6..];
        var highest = quantiles.Encode(new TrainingSet([0, 1e6f, 0, 7, 0, 1e6f], [0], 6)).Features[6..];

        Assert.Equal(-Math.Sqrt(3), lowest[0], 1e-5);
        Assert.Equal(Math.Sqrt(3), highest[0], 1e-5);
        Assert.Equal(Math.Sqrt(3), highest[1], 1e-5);
    }

    [Fact]
    public void Fold_AnyNetwork_ReadsRawFeaturesAndComputesWhatItDidOnTheEncodedOnes()
    {
        var set = Columns(400, seed: 3);
        var quantiles = QuantileEncoding.Fit(set)!;
        var random = new Random(4);
        LinearLayer Random(int inputs, int outputs) => new(inputs, outputs,
            [.. Enumerable.Range(0, inputs * outputs).Select(_ => (float)(random.NextDouble() * 2 - 1))],
            [.. Enumerable.Range(0, outputs).Select(_ => (float)(random.NextDouble() * 2 - 1))]);
        var trained = new MlpWeights([Random(8, 6), Random(6, 3)]);

        var folded = quantiles.Fold(trained);

        Assert.Equal(6, folded.InputSize);
        Assert.Equal(4, folded.Layers.Count);   // two that compute the quantiles, then the network
        // The training rows, then rows between, on and beyond their values.
        var probe = Columns(200, seed: 5);
        var far = new TrainingSet([-50, 1e5f, -1, 7, -3, -1, 50, 1e-7f, 2, 6, 9, 1e-7f, 0.5f, 0, 0.5f, 7, 2.5f, 0], new long[3], 6);
        foreach (var rows in new[] { set, probe, far })
        {
            var expected = Forward(trained, quantiles.Encode(rows).Features, 8);
            var actual = Forward(folded, rows.Features, 6);
            var single = SinglePrecision(folded, rows.Features, 6);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 1e-4 * (1 + Math.Abs(expected[i])));
                // As ONNX Runtime computes it: no term of the folded layers is large enough to cancel another.
                Assert.Equal(expected[i], single[i], 1e-3 * (1 + Math.Abs(expected[i])));
            }
        }
    }

    // The forward pass with every sum in single precision.
    private static float[] SinglePrecision(MlpWeights weights, float[] rows, int width) => [.. rows.Chunk(width).SelectMany(row =>
    {
        var x = row;
        for (int l = 0; l < weights.Layers.Count; l++)
        {
            var layer = weights.Layers[l];
            x = [.. Enumerable.Range(0, layer.OutputSize).Select(o =>
            {
                float sum = layer.Bias[o];
                for (int i = 0; i < layer.InputSize; i++) sum += layer.Weight[o * layer.InputSize + i] * x[i];
                return l < weights.Layers.Count - 1 ? Math.Max(0, sum) : sum;
            })];
        }
        return x;
    })];

    private static double[] Forward(MlpWeights weights, float[] rows, int width) =>
        [.. rows.Chunk(width).SelectMany(row => TestNetworks.Logits(weights, row))];
}
