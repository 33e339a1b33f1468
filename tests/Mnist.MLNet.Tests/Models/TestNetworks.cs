namespace Mnist.MLNet.Tests.Models;

/// <summary>Deterministic MLPs and real MNIST rows for the scoring tests, plus a plain C# forward pass to check against.</summary>
internal static class TestNetworks
{
    private static readonly Lazy<(float[][] Features, uint[] Labels)> TestRows = new(() => Read(MnistSplit.Test));
    private static readonly Lazy<(float[][] Features, uint[] Labels)> TrainRows = new(() => Read(MnistSplit.Train));

    public static float[][] TestFeatures => TestRows.Value.Features;
    public static uint[] TestLabels => TestRows.Value.Labels;

    /// <summary>Seeded random 784-32-16-10 network: three Gemms, so a transposed or misordered weight shows.</summary>
    public static MlpWeights Random(int seed = 42)
    {
        var random = new Random(seed);
        LinearLayer Layer(int input, int output)
        {
            var scale = 1.0 / Math.Sqrt(input);
            var weight = new float[output * input];
            for (var i = 0; i < weight.Length; i++) weight[i] = (float)((random.NextDouble() * 2 - 1) * scale * 3);
            var bias = new float[output];
            for (var i = 0; i < bias.Length; i++) bias[i] = (float)(random.NextDouble() * 0.2 - 0.1);
            return new LinearLayer(input, output, weight, bias);
        }
        return new MlpWeights([Layer(784, 32), Layer(32, 16), Layer(16, 10)]);
    }

    /// <summary>A nearest-centroid classifier written as a 784-20-10 ReLU MLP (ReLU(s) - ReLU(-s) = s), output i
    /// scoring digit <paramref name="digitOfIndex"/>[i]: a real classifier (about 82%) with no training loop.</summary>
    public static MlpWeights Centroids(IReadOnlyList<uint> digitOfIndex, float sharpness = 10f)
    {
        var (features, labels) = TrainRows.Value;
        var sums = new double[10, 784];
        var counts = new int[10];
        for (var r = 0; r < features.Length; r++)
        {
            counts[labels[r]]++;
            for (var p = 0; p < 784; p++) sums[labels[r], p] += features[r][p];
        }
        var hiddenWeight = new float[20 * 784];
        var hiddenBias = new float[20];
        for (var i = 0; i < 10; i++)
        {
            var digit = digitOfIndex[i];
            double squaredNorm = 0;
            for (var p = 0; p < 784; p++)
            {
                var mean = (float)(sums[digit, p] / counts[digit]);
                hiddenWeight[i * 784 + p] = mean;
                hiddenWeight[(10 + i) * 784 + p] = -mean;
                squaredNorm += mean * mean;
            }
            hiddenBias[i] = (float)(-0.5 * squaredNorm);
            hiddenBias[10 + i] = (float)(0.5 * squaredNorm);
        }
        var outputWeight = new float[10 * 20];
        for (var i = 0; i < 10; i++)
        {
            outputWeight[i * 20 + i] = sharpness;
            outputWeight[i * 20 + 10 + i] = -sharpness;
        }
        return new MlpWeights([new LinearLayer(784, 20, hiddenWeight, hiddenBias), new LinearLayer(20, 10, outputWeight, new float[10])]);
    }

    /// <summary>Reference forward pass in double: Linear, ReLU between layers, softmax.</summary>
    public static double[] Forward(MlpWeights weights, float[] x)
    {
        var current = Logits(weights, x);
        var max = current.Max();
        var exp = current.Select(v => Math.Exp(v - max)).ToArray();
        var total = exp.Sum();
        return exp.Select(v => v / total).ToArray();
    }

    /// <summary>Reference forward pass in double up to the last layer's output: Linear, ReLU between layers.</summary>
    public static double[] Logits(MlpWeights weights, float[] x)
    {
        var current = x.Select(v => (double)v).ToArray();
        for (var l = 0; l < weights.Layers.Count; l++)
        {
            var layer = weights.Layers[l];
            var next = new double[layer.OutputSize];
            for (var o = 0; o < layer.OutputSize; o++)
            {
                double sum = layer.Bias[o];
                for (var i = 0; i < layer.InputSize; i++) sum += layer.Weight[o * layer.InputSize + i] * current[i];
                next[o] = l < weights.Layers.Count - 1 ? Math.Max(0, sum) : sum;
            }
            current = next;
        }
        return current;
    }

    public static int ArgMax(IReadOnlyList<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>The Label column after MapValueToKey on the train labels (key 1 = digit 5, by occurrence).</summary>
    public static DataViewSchema.Column TrainLabelKey(MLContext ml, out ITransformer toKey)
    {
        var train = ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Train);
        toKey = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        return toKey.GetOutputSchema(train.Schema)["Label"];
    }

    public static uint[] KeyValues(DataViewSchema.Column column)
    {
        VBuffer<uint> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().ToArray();
    }

    private static (float[][], uint[]) Read(MnistSplit split)
    {
        var view = new MLContext(seed: 0).Data.LoadMnist(MnistFixture.Directory, split);
        var features = view.GetColumn<float[]>("Features").ToArray();
        var labels = view.GetColumn<uint>("Label").ToArray();
        return (features, labels);
    }
}
