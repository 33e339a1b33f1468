using TorchSharp;
using static TorchSharp.torch;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training;

/// <summary>The validation set as tensors, scored after every epoch.</summary>
internal sealed class Validation(Tensor features, Tensor targets, TrainingLoss loss) : IDisposable
{
    // Evaluation has no activations to keep; large chunks are fastest.
    private const int Chunk = 4096;

    /// <summary>The set as tensors, or null when there is none.</summary>
    public static Validation? For(TrainingSet? valid, TrainingLoss loss) => valid is null ? null
        : new(torch.tensor(valid.Features, [valid.Count, valid.InputSize]), loss.Targets(valid), loss);

    /// <summary>Mean loss and accuracy (NaN for regression) of <paramref name="model"/> on the whole set.</summary>
    public (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model)
    {
        model.eval();
        using var _ = no_grad();
        double lossSum = 0;
        long correct = 0, count = features.shape[0];
        for (long start = 0; start < count; start += Chunk)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(Chunk, count - start);
            var (chunkLoss, chunkCorrect) = loss.Sum(model.forward(features.narrow(0, start, size)), targets.narrow(0, start, size));
            lossSum += chunkLoss;
            correct += chunkCorrect;
        }
        return (lossSum / count, loss.CountsCorrect ? (double)correct / count : double.NaN);
    }

    public void Dispose()
    {
        features.Dispose();
        targets.Dispose();
    }
}
