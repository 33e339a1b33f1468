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
        : this(data.Features, data.Labels, MnistArrays.Pixels, [512, 256], 10, seed, threads, batchSize, learningRate) { }

    /// <summary>The same loop for any Linear+ReLU stack over rows given as arrays.</summary>
    public PlainLoop(float[] features, long[] labels, int inputSize, int[] hidden, int classes, int seed, int threads,
        int batchSize, double learningRate = 1e-3)
        : this(features, labels, inputSize, () => Mlp(inputSize, hidden, classes), seed, threads, batchSize, learningRate) { }

    /// <summary>The same loop for any network that reads rows of <paramref name="inputSize"/> features, built by
    /// <paramref name="network"/> after the seed is set (so its initial weights follow the seed).</summary>
    public PlainLoop(float[] features, long[] labels, int inputSize, Func<nn.Module<Tensor, Tensor>> network, int seed, int threads,
        int batchSize, double learningRate = 1e-3)
    {
        TorchRuntime.SetThreads(threads);
        torch.manual_seed(seed);
        _x = torch.tensor(features, [labels.Length, inputSize]);
        _y = torch.tensor(labels, [labels.Length]);
        _model = network();
        _optimizer = optim.Adam(_model.parameters(), learningRate);
        _generator = new Generator((ulong)seed);
        _batchSize = batchSize;
    }

    private static nn.Module<Tensor, Tensor> Mlp(int inputSize, int[] hidden, int classes)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        int width = inputSize;
        foreach (var h in hidden)
        {
            layers.Add(nn.Linear(width, h));
            layers.Add(nn.ReLU());
            width = h;
        }
        layers.Add(nn.Linear(width, classes));
        return nn.Sequential(layers);
    }

    /// <summary>Read the loss out with <c>item()</c> every batch, as the trainer does.</summary>
    public bool ReadLoss { get; set; }

    /// <summary>Count correct predictions with argmax every batch, as the trainer does.</summary>
    public bool CountCorrect { get; set; }

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

    /// <summary>Runs <paramref name="steps"/> steps with a timer around each phase; returns ticks per phase.</summary>
    public Dictionary<string, long> Profile(int steps)
    {
        var ticks = new Dictionary<string, long>
        {
            ["gather (index_select)"] = 0, ["zero_grad"] = 0, ["forward + loss"] = 0, ["backward"] = 0, ["optimizer step"] = 0,
            ["loss.item + argmax"] = 0, ["whole step"] = 0,
        };
        long count = _x.shape[0];
        using var order = torch.randperm(count, generator: _generator);
        _model.train();
        for (int s = -20; s < steps; s++)   // the first 20 warm caches and the allocator
        {
            using var scope = NewDisposeScope();
            long start = (s + 20) * (long)_batchSize % (count - _batchSize);
            long t0 = Stopwatch.GetTimestamp();
            var indices = order.narrow(0, start, _batchSize);
            var inputs = _x.index_select(0, indices);
            var targets = _y.index_select(0, indices);
            long t1 = Stopwatch.GetTimestamp();
            _optimizer.zero_grad();
            long t2 = Stopwatch.GetTimestamp();
            var logits = _model.forward(inputs);
            var loss = nn.functional.cross_entropy(logits, targets);
            long t3 = Stopwatch.GetTimestamp();
            loss.backward();
            long t4 = Stopwatch.GetTimestamp();
            _optimizer.step();
            long t5 = Stopwatch.GetTimestamp();
            GC.KeepAlive(loss.item<float>() + logits.argmax(1).eq(targets).sum().item<long>());
            long t6 = Stopwatch.GetTimestamp();
            if (s < 0) continue;
            ticks["gather (index_select)"] += t1 - t0;
            ticks["zero_grad"] += t2 - t1;
            ticks["forward + loss"] += t3 - t2;
            ticks["backward"] += t4 - t3;
            ticks["optimizer step"] += t5 - t4;
            ticks["loss.item + argmax"] += t6 - t5;
            ticks["whole step"] += t6 - t0;
        }
        return ticks;
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
