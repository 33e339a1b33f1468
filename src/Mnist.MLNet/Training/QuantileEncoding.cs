using Mnist.MLNet.Network;

namespace Mnist.MLNet.Training;

/// <summary>Each feature's quantile among the training rows, read by the network beside the feature itself: the
/// feature's empirical distribution function, piecewise linear between knots at evenly spaced quantiles, scaled to
/// mean 0 and variance 1 (scikit-learn's <c>QuantileTransformer(output_distribution="uniform")</c>, standardised).
/// A network sees a skewed feature's or an outlier's rank directly instead of spending units on its scale.</summary>
/// <remarks>Between knots tₖ and tₖ₊₁ the quantile rises by sₖ·clamp(x − tₖ, 0, Δₖ), and
/// clamp(x − tₖ, 0, Δₖ) = Δₖ − ReLU(Δₖ − ReLU(x − tₖ)): two Linear+ReLU layers. <see cref="Fold"/> puts them in front
/// of the trained network, whose first layer then reads their output, so the model reads the raw features and its
/// ONNX graph, its scoring and its saved form are an MLP's as before. The one-layer form, a sum of hinges
/// Σ cₖ·ReLU(x − tₖ), is shorter but its terms cancel: on a skewed feature in single precision it was off by 0.05.</remarks>
internal sealed class QuantileEncoding
{
    /// <summary>Knots over all features: each knot is a unit of both folded layers, and the second layer is square, so
    /// this bounds its weights to about 640² at <see cref="MlpTrainerOptions.MaxQuantileFeatures"/> features.</summary>
    public const int KnotBudget = 512;

    /// <summary>Knots per feature at most, and at least when the budget is shared by many features.</summary>
    public const int MaxKnots = 64, MinKnots = 8;

    /// <summary>Knots closer than this fraction of their size merge into one: equal values (a discrete feature's), and
    /// values single precision cannot tell apart, whose slope would amplify its rounding.</summary>
    private const double MinimumGap = 1e-5;

    // The standard deviation of a uniform variable on [0, 1] is 1/sqrt(12).
    private static readonly double Scale = Math.Sqrt(12);

    /// <summary>A feature whose quantile correlates with it at least this much gets none: its quantile would be close
    /// to a copy of it. A uniform or 0/1 feature correlates 1 with its quantile, a normal one 0.98 (√(3/π)); a
    /// skewed or zero-inflated one less. Copies of features cost accuracy: all features' quantiles took diabetes' R²
    /// from 0.478 to 0.354 and the 2% set's F1 from 0.888 to 0.832 (docs/defaults.md).</summary>
    public const double MaxCorrelation = 0.95;

    private readonly int _inputSize;
    private readonly int[] _columns;     // the features that get a quantile, ascending
    private readonly Knots[] _features;  // their distribution functions

    private QuantileEncoding(int inputSize, int[] columns, Knots[] features) => (_inputSize, _columns, _features) = (inputSize, columns, features);

    /// <summary>Features in.</summary>
    public int InputSize => _inputSize;

    /// <summary>Features out: each feature, then the quantiles of <see cref="Columns"/>.</summary>
    public int OutputSize => _inputSize + _columns.Length;

    /// <summary>The features that get a quantile.</summary>
    public IReadOnlyList<int> Columns => _columns;

    /// <summary>The encoding <paramref name="options"/> ask for (<see cref="MlpTrainerOptions.QuantileFeatures"/>), fitted
    /// on <paramref name="train"/>; null when they ask for none or no feature's quantile qualifies.</summary>
    /// <param name="card">What the model card records: "false", or "3 of 13 features".</param>
    /// <exception cref="ArgumentOutOfRangeException">Quantiles of more than <see cref="MlpTrainerOptions.MaxQuantileFeatures"/> features.</exception>
    public static QuantileEncoding? For(MlpTrainerOptions options, TrainingSet train, out string card)
    {
        card = "false";
        if (!options.QuantileFeatures) return null;
        if (train.InputSize > MlpTrainerOptions.MaxQuantileFeatures)
            throw new ArgumentOutOfRangeException(nameof(MlpTrainerOptions.QuantileFeatures), $"{nameof(MlpTrainerOptions.QuantileFeatures)} takes at most " +
                $"{MlpTrainerOptions.MaxQuantileFeatures} features; column '{options.FeatureColumnName}' has {train.InputSize}.");
        var encoding = Fit(train);
        card = $"{encoding?.Columns.Count ?? 0} of {train.InputSize} features";
        return encoding;
    }

    /// <summary>The knots of each feature among the rows of <paramref name="set"/> whose quantile is not close to a copy
    /// of it; null when no feature's is.</summary>
    public static QuantileEncoding? Fit(TrainingSet set)
    {
        var selected = new List<(int Column, float[] Sorted)>();
        for (int j = 0; j < set.InputSize; j++)
        {
            var sorted = new float[set.Count];
            for (int r = 0; r < set.Count; r++) sorted[r] = set.Features[(long)r * set.InputSize + j];
            Array.Sort(sorted);
            var knots = Knots.Of(sorted, MaxKnots);
            if (knots.Segments > 0 && Math.Abs(Correlation(set, j, knots)) < MaxCorrelation) selected.Add((j, sorted));
        }
        if (selected.Count == 0) return null;
        // The knot budget is shared by the features that get a quantile.
        int perFeature = Math.Clamp(KnotBudget / selected.Count, MinKnots, MaxKnots);
        return new QuantileEncoding(set.InputSize, [.. selected.Select(s => s.Column)], [.. selected.Select(s => Knots.Of(s.Sorted, perFeature))]);
    }

    // Pearson's correlation of feature j and its quantile over the rows (two passes: features may be in the millions).
    private static double Correlation(TrainingSet set, int j, Knots knots)
    {
        var x = new double[set.Count];
        var q = new double[set.Count];
        for (int r = 0; r < set.Count; r++) (x[r], q[r]) = (set.Features[(long)r * set.InputSize + j], knots.Encode(set.Features[(long)r * set.InputSize + j]));
        double meanX = x.Average(), meanQ = q.Average(), cov = 0, vx = 0, vq = 0;
        for (int r = 0; r < set.Count; r++)
        {
            double dx = x[r] - meanX, dq = q[r] - meanQ;
            (cov, vx, vq) = (cov + dx * dq, vx + dx * dx, vq + dq * dq);
        }
        return vx <= 0 || vq <= 0 ? 1 : cov / Math.Sqrt(vx * vq);
    }

    /// <summary>The rows of <paramref name="set"/> with the quantiles of <see cref="Columns"/> appended to their features.</summary>
    public TrainingSet Encode(TrainingSet set)
    {
        if (set.InputSize != InputSize) throw new ArgumentException($"{set.InputSize} features, expected {InputSize}", nameof(set));
        int width = OutputSize;
        var encoded = new float[checked((long)set.Count * width)];
        for (long r = 0; r < set.Count; r++)
        {
            Array.Copy(set.Features, r * InputSize, encoded, r * width, InputSize);
            for (int c = 0; c < _columns.Length; c++)
                encoded[r * width + InputSize + c] = (float)_features[c].Encode(set.Features[r * InputSize + _columns[c]]);
        }
        return new TrainingSet(encoded, set.Labels, width, set.Values, set.Weights);
    }

    /// <summary>The network of <paramref name="trained"/> (which reads <see cref="OutputSize"/> encoded features) as one
    /// that reads the <see cref="InputSize"/> raw features: two layers that compute the quantiles, then the first layer
    /// rewritten onto their output.</summary>
    public MlpWeights Fold(MlpWeights trained)
    {
        if (trained.InputSize != OutputSize) throw new ArgumentException($"a network of {trained.InputSize} inputs, expected {OutputSize}", nameof(trained));
        // Units: ReLU(x) and ReLU(−x) per feature, whose difference is x, then one per segment between knots of each
        // quantile (Feature: the raw feature; Quantile: which of Columns, -1 for ±x; Segment: -1 for x, -2 for −x).
        var units = new List<(int Feature, int Quantile, int Segment)>();
        for (int j = 0; j < InputSize; j++) { units.Add((j, -1, -1)); units.Add((j, -1, -2)); }
        for (int c = 0; c < _columns.Length; c++)
            for (int k = 0; k < _features[c].Segments; k++) units.Add((_columns[c], c, k));
        int count = units.Count;

        // First: ±x and ReLU(x − tₖ). Second: ±x again, and ReLU(Δₖ − ReLU(x − tₖ)).
        var hinge = new float[count * InputSize];
        var hingeBias = new float[count];
        var clamp = new float[count * count];
        var clampBias = new float[count];
        for (int u = 0; u < count; u++)
        {
            var (j, c, k) = units[u];
            hinge[u * InputSize + j] = k == -2 ? -1 : 1;
            if (k >= 0)
            {
                hingeBias[u] = (float)-_features[c].Positions[k];
                clamp[u * count + u] = -1;
                clampBias[u] = (float)_features[c].Width(k);
            }
            else clamp[u * count + u] = 1;
        }

        // The first layer read [x, q]; now x = ReLU(x) − ReLU(−x) and q = q(last knot) − Σ sₖ·ReLU(Δₖ − ReLU(x − tₖ)).
        var first = trained.Layers[0];
        int outputs = first.OutputSize;
        var weight = new float[outputs * count];
        var bias = new float[outputs];
        for (int o = 0; o < outputs; o++)
        {
            double b = first.Bias[o];
            for (int c = 0; c < _columns.Length; c++) b += first.Weight[o * OutputSize + InputSize + c] * _features[c].Levels[^1];
            for (int u = 0; u < count; u++)
            {
                var (j, c, k) = units[u];
                weight[o * count + u] = k switch
                {
                    -1 => first.Weight[o * OutputSize + j],
                    -2 => -first.Weight[o * OutputSize + j],
                    _ => (float)(-first.Weight[o * OutputSize + InputSize + c] * _features[c].Slope(k)),
                };
            }
            bias[o] = (float)b;
        }
        return new MlpWeights([new LinearLayer(InputSize, count, hinge, hingeBias), new LinearLayer(count, count, clamp, clampBias),
            new LinearLayer(count, outputs, weight, bias), .. trained.Layers.Skip(1)]);
    }

    /// <summary>One feature's distribution function: knot positions and their standardised levels, ascending.</summary>
    private sealed record Knots(double[] Positions, double[] Levels)
    {
        public static Knots Of(float[] sorted, int maxKnots)
        {
            int n = sorted.Length, count = Math.Min(maxKnots, n);
            var positions = new List<double>();
            var levels = new List<double>();
            var tied = new List<double>();
            for (int k = 0; k < count; k++)
            {
                double level = count == 1 ? 0.5 : (double)k / (count - 1);
                double at = level * (n - 1);
                int below = (int)Math.Floor(at);
                int above = Math.Min(n - 1, below + 1);
                double position = sorted[below] + (at - below) * ((double)sorted[above] - sorted[below]);
                // Knots at one value (a discrete feature) take the mean of their levels, as a tied rank does.
                if (positions.Count > 0 && position - positions[^1] <= MinimumGap * Math.Max(Math.Abs(position), Math.Abs(positions[^1])))
                {
                    tied.Add(level);
                    levels[^1] = tied.Average();
                    continue;
                }
                positions.Add(position);
                levels.Add(level);
                tied.Clear();
                tied.Add(level);
            }
            return new Knots([.. positions], [.. levels.Select(l => (l - 0.5) * Scale)]);
        }

        /// <summary>The level of <paramref name="x"/>: linear between knots, the end levels beyond them.</summary>
        public double Encode(double x)
        {
            if (Positions.Length == 1) return 0;   // a constant feature
            if (x <= Positions[0]) return Levels[0];
            if (x >= Positions[^1]) return Levels[^1];
            int above = Array.BinarySearch(Positions, x);
            if (above >= 0) return Levels[above];
            above = ~above;
            int below = above - 1;
            return Levels[below] + (x - Positions[below]) / (Positions[above] - Positions[below]) * (Levels[above] - Levels[below]);
        }

        /// <summary>Segments between knots: none for a constant feature, whose level is 0 everywhere.</summary>
        public int Segments => Positions.Length - 1;

        /// <summary>The width Δₖ of segment <paramref name="k"/>.</summary>
        public double Width(int k) => Positions[k + 1] - Positions[k];

        /// <summary>How fast the level rises along segment <paramref name="k"/>.</summary>
        public double Slope(int k) => (Levels[k + 1] - Levels[k]) / Width(k);
    }
}
