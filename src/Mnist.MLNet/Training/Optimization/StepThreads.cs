using Mnist.MLNet.Native;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>The thread count a training step gets when the caller does not choose one.</summary>
internal static class StepThreads
{
    // Measured with the benchmarks' `epoch --small` (1,500 x 64 rows, hidden [64], batch 16, ~80,000 multiply-adds
    // per product pass) on 2 cores: the products alone took 10x longer on 2 threads than on 1 (0.010 vs 0.001 s per
    // epoch) and a whole epoch used 3x the CPU, because waking the second OpenMP thread costs more than the product.
    // The tutorial's network (batch 64, ~34 million) is as fast or faster on one thread per core.
    private const long SingleThreadBelow = 1_000_000;

    /// <summary>One thread when a batch's forward pass is too small to share, else <see cref="TorchRuntime.DefaultThreads"/>.</summary>
    public static int Default(int inputSize, IReadOnlyList<int> hiddenLayers, int classCount, int batchSize)
    {
        long weights = 0;
        int width = inputSize;
        foreach (var hidden in hiddenLayers.Append(classCount))
        {
            weights += (long)width * hidden;
            width = hidden;
        }
        return weights * batchSize < SingleThreadBelow ? 1 : TorchRuntime.DefaultThreads;
    }
}
