using Mnist.MLNet.Training.Optimization;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Losses;

/// <summary>The real-valued targets regression losses read, with an error when a set or batch has none.</summary>
internal static unsafe class RegressionTargets
{
    public static float[] Of(TrainingSet set) =>
        set.Values ?? throw new InvalidOperationException("A regression loss needs a training set read with values.");

    public static Tensor Of(BatchGather.Batch batch) =>
        batch.Values ?? throw new InvalidOperationException("A regression loss needs batches gathered with values.");

    public static float* Address(BatchGather.Batch batch) =>
        batch.ValuesAddress != null ? batch.ValuesAddress
            : throw new InvalidOperationException("A regression loss needs batches gathered with values.");
}
