using TorchSharp.Modules;
using static TorchSharp.torch;
using Mnist.MLNet.Network;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>The step for a Linear+ReLU stack written out by hand: every matrix product writes with <c>addmm_</c> into
/// a buffer allocated once (weight gradients straight into the flat gradient buffer), while bias, ReLU and the
/// loss (softmax cross-entropy unless given) run as managed loops. No autograd graph and no allocation per batch.</summary>
/// <remarks>Computes the same gradients as autograd on <see cref="MlpModule"/>: the parameters come as (weight [out, in],
/// bias [out]) pairs in layer order, as the module lists them. With dropout each hidden activation is kept with
/// probability 1 − p and scaled by 1 / (1 − p), as <c>nn.Dropout</c> in training (<see cref="DropoutMask"/>: seeded from
/// libtorch's global generator, which a checkpoint saves, so a resumed run draws what an uninterrupted one would).</remarks>
internal sealed unsafe class ManualMlpStep : IGradientPass
{
    private readonly FusedOptimizer _optimizer;
    private readonly Layer[] _layers;
    private readonly int _batchSize;
    private readonly TrainingLoss _loss;
    private readonly DropoutMask? _dropout;
    private Views _full;
    private Views? _partial;

    public ManualMlpStep(FusedOptimizer optimizer, int batchSize, TrainingLoss? loss = null, double dropout = 0)
    {
        _optimizer = optimizer;
        _batchSize = batchSize;
        _loss = loss ?? Losses.CrossEntropyLoss.Instance;
        _dropout = dropout == 0 ? null : new DropoutMask(dropout);
        var flat = optimizer.Parameters;
        _layers = new Layer[flat.Parameters.Count / 2];
        using var noGrad = no_grad();
        for (int k = 0; k < _layers.Length; k++)
        {
            Parameter weight = flat.Parameters[2 * k], bias = flat.Parameters[2 * k + 1];
            if (weight.dim() != 2 || bias.dim() != 1 || bias.shape[0] != weight.shape[0])
                throw new ArgumentException($"parameter pair {k} is not a Linear layer's weight and bias", nameof(optimizer));
            _layers[k] = new Layer(weight, weight.t(), weight.grad!, (int)weight.shape[0],
                flat.Values + flat.Offsets[2 * k + 1], flat.Gradients + flat.Offsets[2 * k + 1],
                empty(batchSize, weight.shape[0]), empty(batchSize, weight.shape[0]));
        }
        _full = new Views(_layers, batchSize);
    }

    public (double LossSum, long Correct) Run(BatchGather.Batch batch, double learningRate)
    {
        var result = ComputeGradients(batch);
        _optimizer.Step(learningRate);
        return result;
    }

    public (double LossSum, long Correct) ComputeGradients(BatchGather.Batch batch)
    {
        using var noGrad = no_grad();   // the parameters' views would otherwise record in-place writes
        int rows = batch.Size;
        var views = ViewsFor(rows);
        Tensor input = batch.Inputs;
        for (int k = 0; k < _layers.Length; k++)
        {
            var layer = _layers[k];
            float* output = layer.ActivationAddress;
            for (int r = 0; r < rows; r++)
                new ReadOnlySpan<float>(layer.BiasValues, layer.Width).CopyTo(new Span<float>(output + (long)r * layer.Width, layer.Width));
            InPlace(views.Activations[k], views.Activations[k].addmm_(input, layer.WeightT, beta: 1, alpha: 1));
            if (k < _layers.Length - 1)
            {
                Relu(output, (long)rows * layer.Width);
                _dropout?.Apply(new Span<float>(output, rows * layer.Width), DropoutMask.NextSeed());
            }
            input = views.Activations[k];
        }

        // The last activation becomes d(loss)/d(logits) in place.
        var last = _layers[^1];
        var result = _loss.Backward(last.ActivationAddress, batch, rows, last.Width);
        for (int k = _layers.Length - 1; k >= 0; k--)
        {
            var layer = _layers[k];
            Tensor delta = k == _layers.Length - 1 ? views.Activations[k] : views.Deltas[k];
            float* deltaAddress = k == _layers.Length - 1 ? layer.ActivationAddress : layer.DeltaAddress;
            Tensor below = k == 0 ? batch.Inputs : views.Activations[k - 1];
            InPlace(layer.WeightGradient, layer.WeightGradient.addmm_(views.Transposed(k, delta), below, beta: 0, alpha: 1));
            SumRows(deltaAddress, rows, layer.Width, layer.BiasGradients);
            if (k == 0) break;
            var previous = _layers[k - 1];
            InPlace(views.Deltas[k - 1], views.Deltas[k - 1].addmm_(delta, layer.Weight, beta: 0, alpha: 1));
            MaskInactive(previous.DeltaAddress, previous.ActivationAddress, (long)rows * previous.Width, _dropout?.Scale ?? 1);
        }
        return result;
    }

    private Views ViewsFor(int rows)
    {
        if (rows == _batchSize) return _full;
        if (_partial?.Rows != rows)
        {
            _partial?.Dispose();
            _partial = new Views(_layers, rows);
        }
        return _partial;
    }

    // Some TorchSharp versions wrap an in-place result in a new handle; left to the finalizer, one per product per
    // step would pile up between collections.
    private static void InPlace(Tensor target, Tensor result)
    {
        if (!ReferenceEquals(target, result)) result.Dispose();
    }

    private static void Relu(float* values, long count)
    {
        var span = new Span<float>(values, checked((int)count));
        System.Numerics.Tensors.TensorPrimitives.Max(span, 0f, span);
    }

    // ReLU's backward: no gradient flows through units that were not active (output 0), as autograd's rule; a dropped
    // unit's output is 0 too, and a kept one passes its gradient scaled as its output was.
    private static void MaskInactive(float* delta, float* activation, long count, float keptScale)
    {
        for (long i = 0; i < count; i++)
            delta[i] = activation[i] > 0 ? delta[i] * keptScale : 0;
    }

    private static void SumRows(float* values, int rows, int width, float* sums)
    {
        var total = new Span<float>(sums, width);
        new ReadOnlySpan<float>(values, width).CopyTo(total);
        for (int r = 1; r < rows; r++)
            System.Numerics.Tensors.TensorPrimitives.Add(total, new ReadOnlySpan<float>(values + (long)r * width, width), total);
    }

    public void Dispose()
    {
        _partial?.Dispose();
        _full.Dispose();
        foreach (var layer in _layers) layer.Dispose();
    }

    /// <summary>One Linear layer's tensors and addresses; activations and deltas hold a full batch.</summary>
    private sealed class Layer(Tensor weight, Tensor weightT, Tensor weightGradient, int width, float* biasValues,
        float* biasGradients, Tensor activations, Tensor deltas) : IDisposable
    {
        public Tensor Weight { get; } = weight;
        public Tensor WeightT { get; } = weightT;
        public Tensor WeightGradient { get; } = weightGradient;
        public int Width { get; } = width;
        public float* BiasValues { get; } = biasValues;
        public float* BiasGradients { get; } = biasGradients;
        public Tensor Activations { get; } = activations;
        public Tensor Deltas { get; } = deltas;
        public float* ActivationAddress { get; } = AddressOf(activations);
        public float* DeltaAddress { get; } = AddressOf(deltas);

        private static float* AddressOf(Tensor t)
        {
            fixed (byte* p = t.bytes) return (float*)p;
        }

        public void Dispose()
        {
            WeightT.Dispose();
            WeightGradient.Dispose();
            Activations.Dispose();
            Deltas.Dispose();
        }
    }

    /// <summary>The first <see cref="Rows"/> rows of every buffer, and the transposed deltas the weight gradients read.</summary>
    private sealed class Views : IDisposable
    {
        private readonly Tensor[] _transposedActivations, _transposedDeltas;

        public Views(Layer[] layers, int rows)
        {
            Rows = rows;
            Activations = layers.Select(l => l.Activations.narrow(0, 0, rows)).ToArray();
            Deltas = layers.Select(l => l.Deltas.narrow(0, 0, rows)).ToArray();
            _transposedActivations = Activations.Select(a => a.t()).ToArray();
            _transposedDeltas = Deltas.Select(d => d.t()).ToArray();
        }

        public int Rows { get; }
        public Tensor[] Activations { get; }
        public Tensor[] Deltas { get; }

        public Tensor Transposed(int layer, Tensor delta) =>
            ReferenceEquals(delta, Activations[layer]) ? _transposedActivations[layer] : _transposedDeltas[layer];

        public void Dispose()
        {
            foreach (var t in Activations.Concat(Deltas).Concat(_transposedActivations).Concat(_transposedDeltas)) t.Dispose();
        }
    }
}
