using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>Copies a batch of training rows into tensors allocated once, instead of an <c>index_select</c> that
/// allocates fresh memory every batch.</summary>
internal sealed unsafe class BatchGather : IDisposable
{
    private readonly TrainingSet _data;
    private readonly Tensor _inputs;
    private readonly Tensor _targets;
    private readonly float* _inputsAddress;
    private readonly long* _targetsAddress;
    private readonly Tensor? _values;
    private readonly float* _valuesAddress;   // null unless the data has regression values
    private readonly Tensor? _weights;
    private readonly float* _weightsAddress;  // null unless the data has example weights
    private Batch? _partial;   // views over the first rows, for the short last batch of an epoch

    public BatchGather(TrainingSet data, int batchSize)
    {
        _data = data;
        _inputs = empty(batchSize, data.InputSize);
        _targets = empty(new long[] { batchSize }, ScalarType.Int64);
        fixed (byte* p = _inputs.bytes) _inputsAddress = (float*)p;
        fixed (byte* p = _targets.bytes) _targetsAddress = (long*)p;
        if (data.Values is not null)
        {
            _values = empty(batchSize);
            fixed (byte* p = _values.bytes) _valuesAddress = (float*)p;
        }
        if (data.Weights is not null)
        {
            _weights = empty(batchSize);
            fixed (byte* p = _weights.bytes) _weightsAddress = (float*)p;
        }
        Full = new Batch(_inputs, _targets, _inputsAddress, _targetsAddress, batchSize, data.InputSize, values: _values,
            valuesAddress: _valuesAddress, weights: _weights, weightsAddress: _weightsAddress);
    }

    private Batch Full { get; }

    /// <summary>Copies the given rows in; the returned batch is valid until the next call.</summary>
    public Batch Gather(ReadOnlySpan<long> rows)
    {
        int width = _data.InputSize;
        var features = _data.Features.AsSpan();
        var labels = _data.Labels;
        for (int i = 0; i < rows.Length; i++)
        {
            long row = rows[i];
            features.Slice(checked((int)(row * width)), width).CopyTo(new Span<float>(_inputsAddress + (long)i * width, width));
            _targetsAddress[i] = labels[row];
            if (_valuesAddress != null) _valuesAddress[i] = _data.Values![row];
            if (_weightsAddress != null) _weightsAddress[i] = _data.Weights![row];
        }
        if (rows.Length == Full.Size) return Full;
        if (_partial?.Size != rows.Length)
        {
            _partial?.Dispose();
            _partial = new Batch(_inputs.narrow(0, 0, rows.Length), _targets.narrow(0, 0, rows.Length),
                _inputsAddress, _targetsAddress, rows.Length, width, ownsTensors: true,
                _values?.narrow(0, 0, rows.Length), _valuesAddress, _weights?.narrow(0, 0, rows.Length), _weightsAddress);
        }
        return _partial;
    }

    public void Dispose()
    {
        _partial?.Dispose();
        _inputs.Dispose();
        _targets.Dispose();
        _values?.Dispose();
        _weights?.Dispose();
    }

    /// <summary>One gathered batch: as tensors for libtorch, and as memory for managed code.</summary>
    internal sealed class Batch(Tensor inputs, Tensor targets, float* inputsAddress, long* targetsAddress, int size, int width,
        bool ownsTensors = false, Tensor? values = null, float* valuesAddress = null, Tensor? weights = null,
        float* weightsAddress = null) : IDisposable
    {
        /// <summary>[Size, Width] features; a transform may change them in place before the step reads them.</summary>
        public Tensor Inputs { get; } = inputs;
        /// <summary>[Size] class indices.</summary>
        public Tensor Targets { get; } = targets;
        public float* InputsAddress { get; } = inputsAddress;
        public long* TargetsAddress { get; } = targetsAddress;
        /// <summary>[Size] regression targets; null for classification.</summary>
        public Tensor? Values { get; } = values;
        public float* ValuesAddress { get; } = valuesAddress;
        /// <summary>[Size] example weights; null when every row counts the same.</summary>
        public Tensor? Weights { get; } = weights;
        public float* WeightsAddress { get; } = weightsAddress;
        public int Size { get; } = size;
        public int Width { get; } = width;

        public void Dispose()
        {
            if (!ownsTensors) return;
            Inputs.Dispose();
            Targets.Dispose();
            Values?.Dispose();
            Weights?.Dispose();
        }
    }
}
