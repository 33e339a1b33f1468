using System.Runtime.InteropServices;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>An optimizer over <see cref="FlatParameters"/>: its state lies in preallocated buffers as long as the
/// parameters, and a step is one vectorised pass over them, split across threads.</summary>
/// <remarks>libtorch's optimizers issue several tensor operations per parameter per step; for this network each of
/// them is small enough that call and thread wake-up overhead costs more than the arithmetic. The learning rate is
/// an argument of <see cref="Step"/> so a schedule can change it every batch.</remarks>
internal abstract unsafe class FusedOptimizer : IDisposable
{
    // Below this many floats per thread, handing work to another thread costs more than it saves.
    private const long MinimumPerThread = 1 << 15;

    private readonly float*[] _buffers;
    private readonly int _threads;

    protected FusedOptimizer(FlatParameters parameters, int stateBuffers, int threads)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        Parameters = parameters;
        _threads = threads;
        _buffers = new float*[stateBuffers];
        nuint bytes = (nuint)parameters.Length * sizeof(float);
        for (int i = 0; i < stateBuffers; i++)
        {
            _buffers[i] = (float*)NativeMemory.AlignedAlloc(bytes, 64);
            NativeMemory.Clear(_buffers[i], bytes);
        }
    }

    /// <summary>The parameters this optimizer updates.</summary>
    public FlatParameters Parameters { get; }

    /// <summary>Steps taken so far (Adam's bias correction counts them).</summary>
    public long StepCount { get; private set; }

    /// <summary>Updates every parameter from its gradient with the given learning rate.</summary>
    public void Step(double learningRate)
    {
        StepCount++;
        long length = Parameters.Length;
        int parts = (int)Math.Clamp(length / MinimumPerThread, 1, _threads);
        if (parts == 1)
        {
            Update(0, length, learningRate);
            return;
        }
        // Chunk bounds on 64-byte lines, so no two threads write the same cache line.
        long chunk = (length / parts + 15) & ~15L;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            long start = part * chunk, end = Math.Min(length, start + chunk);
            if (start < end) Update(start, end, learningRate);
        });
    }

    /// <summary>Applies one step to elements [start, end) of every buffer; <see cref="StepCount"/> is already this
    /// step's number.</summary>
    protected abstract void Update(long start, long end, double learningRate);

    /// <summary>State buffer <paramref name="index"/> (a moment or momentum), as long as the parameters.</summary>
    protected float* State(int index) => _buffers[index];

    /// <summary>Writes the step count and every state buffer.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(GetType().Name);
        writer.Write(StepCount);
        writer.Write(Parameters.Length);
        writer.Write(_buffers.Length);
        foreach (var buffer in _buffers)
            writer.Write(new ReadOnlySpan<byte>(buffer, checked((int)Parameters.Length * sizeof(float))));
    }

    /// <summary>Reads what <see cref="Save"/> wrote; refuses state of another optimizer or size.</summary>
    /// <exception cref="InvalidDataException">The state belongs to another optimizer or parameter count.</exception>
    public void Load(BinaryReader reader)
    {
        string kind = reader.ReadString();
        long steps = reader.ReadInt64(), length = reader.ReadInt64();
        int buffers = reader.ReadInt32();
        if (kind != GetType().Name || length != Parameters.Length || buffers != _buffers.Length)
            throw new InvalidDataException($"optimizer state of {kind} over {length} parameters ({buffers} buffers), " +
                                           $"expected {GetType().Name} over {Parameters.Length} ({_buffers.Length})");
        foreach (var buffer in _buffers)
            reader.BaseStream.ReadExactly(new Span<byte>(buffer, checked((int)length * sizeof(float))));
        StepCount = steps;
    }

    public void Dispose()
    {
        for (int i = 0; i < _buffers.Length; i++)
        {
            NativeMemory.AlignedFree(_buffers[i]);
            _buffers[i] = null;
        }
        GC.SuppressFinalize(this);
    }
}
