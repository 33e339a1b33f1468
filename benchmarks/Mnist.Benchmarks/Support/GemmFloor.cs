using Mnist.MLNet.Native;
using static TorchSharp.torch;

namespace Mnist.Benchmarks;

/// <summary>The compute floor of an epoch: only the matrix products of each step (forward, weight gradients,
/// input gradients of all but the first layer), into buffers allocated once, with nothing else.</summary>
public sealed class GemmFloor : IDisposable
{
    private readonly List<Tensor> _tensors = [];
    private readonly Layer[] _layers;
    private readonly long _rows;
    private readonly int _batchSize;

    public GemmFloor(int inputSize, int[] hidden, int classes, int batchSize, long rows, int threads)
    {
        TorchRuntime.SetThreads(threads);
        _rows = rows;
        _batchSize = batchSize;
        int[] widths = [inputSize, .. hidden, classes];
        var input = Keep(randn(batchSize, inputSize));
        _layers = new Layer[widths.Length - 1];
        for (int k = 0; k < _layers.Length; k++)
        {
            var weight = Keep(randn(widths[k + 1], widths[k])).mul_(0.01f);
            var output = Keep(empty(batchSize, widths[k + 1]));
            var delta = Keep(randn(batchSize, widths[k + 1]));
            _layers[k] = new Layer(input, weight, Keep(weight.t()), output, delta, Keep(delta.t()), Keep(empty(widths[k + 1], widths[k])));
            input = output;
        }
    }

    /// <summary>Runs the products of one epoch's steps and returns its seconds.</summary>
    public double Epoch()
    {
        var clock = Stopwatch.StartNew();
        using var _ = no_grad();
        for (long start = 0; start < _rows; start += _batchSize)
        {
            foreach (var layer in _layers)
                layer.Output.addmm_(layer.Input, layer.WeightT, beta: 0, alpha: 1);
            for (int k = _layers.Length - 1; k >= 0; k--)
            {
                var layer = _layers[k];
                layer.WeightGradient.addmm_(layer.DeltaT, layer.Input, beta: 0, alpha: 1);
                if (k > 0) _layers[k - 1].Delta.addmm_(layer.Delta, layer.Weight, beta: 0, alpha: 1);
            }
        }
        return clock.Elapsed.TotalSeconds;
    }

    private sealed record Layer(Tensor Input, Tensor Weight, Tensor WeightT, Tensor Output, Tensor Delta, Tensor DeltaT, Tensor WeightGradient);

    private Tensor Keep(Tensor t)
    {
        _tensors.Add(t);
        return t;
    }

    public void Dispose()
    {
        foreach (var t in _tensors) t.Dispose();
    }
}
