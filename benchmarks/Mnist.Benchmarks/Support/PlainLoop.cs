using System.Diagnostics;
using Mnist.MLNet.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Mnist.Benchmarks;

/// <summary>The baseline: the tutorial's training loop written directly against TorchSharp over preloaded tensors
/// (784-512-256-10, Adam 1e-3, cross-entropy, <c>randperm</c> + <c>index_select</c> batches).</summary>
/// <remarks>The switches add, one at a time, the per-batch work the library's trainer does beyond the bare step,
/// so the difference between the two can be attributed.</remarks>
public sealed class PlainLoop : IDisposable
{
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Generator _generator;
    private readonly int _batchSize;

    public PlainLoop(MnistArrays data, int seed, int threads, int batchSize = 64, double learningRate = 1e-3)
    {
        TorchRuntime.SetThreads(threads);
        torch.manual_seed(seed);
        _x = torch.tensor(data.Features, [data.Count, MnistArrays.Pixels]);
        _y = torch.tensor(data.Labels, [data.Count]);
        _model = nn.Sequential(
            nn.Linear(784, 512), nn.ReLU(),
            nn.Linear(512, 256), nn.ReLU(),
            nn.Linear(256, 10));
        _optimizer = optim.Adam(_model.parameters(), learningRate);
        _generator = new Generator((ulong)seed);
        _batchSize = batchSize;
    }

    /// <summary>Read the loss out with <c>item()</c> every batch, as the trainer does.</summary>
    public bool ReadLoss { get; init; }

    /// <summary>Count correct predictions with argmax every batch, as the trainer does.</summary>
    public bool CountCorrect { get; init; }

    /// <summary>Trains one epoch and returns its seconds.</summary>
    public double Epoch()
    {
        var clock = Stopwatch.StartNew();
        long count = _x.shape[0];
        double lossSum = 0;
        long correct = 0;
        _model.train();
        using var order = torch.randperm(count, generator: _generator);
        for (long start = 0; start < count; start += _batchSize)
        {
            using var scope = NewDisposeScope();
            var indices = order.narrow(0, start, Math.Min(_batchSize, count - start));
            var inputs = _x.index_select(0, indices);
            var targets = _y.index_select(0, indices);
            _optimizer.zero_grad();
            var logits = _model.forward(inputs);
            var loss = nn.functional.cross_entropy(logits, targets);
            loss.backward();
            _optimizer.step();
            if (ReadLoss) lossSum += loss.item<float>();
            if (CountCorrect) correct += logits.argmax(1).eq(targets).sum().item<long>();
        }
        GC.KeepAlive(lossSum + correct);
        return clock.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _generator.Dispose();
        _x.Dispose();
        _y.Dispose();
    }
}
