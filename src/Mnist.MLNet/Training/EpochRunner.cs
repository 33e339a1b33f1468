using System.Diagnostics;
using System.Runtime.InteropServices;
using Mnist.MLNet.Training.Augmentation;
using Mnist.MLNet.Training.Optimization;
using Mnist.MLNet.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training;

/// <summary>Trains one epoch: draws its row order, gathers each batch, augments it, sets the batch's learning rate
/// and takes the fused step; on cancellation writes a checkpoint at the batch boundary.</summary>
/// <param name="maxEpoch">The run's last epoch at most, for progress reports.</param>
internal sealed class EpochRunner(MlpTrainerOptions options, int maxEpoch, nn.Module<Tensor, Tensor> model, FusedOptimizer optimizer, ITrainingStep step,
    BatchGather gather, long rows, Generator generator, BatchAugmenter? augmenter, LearningRateSchedule schedule,
    IProgress<TrainingProgress>? progress, CancellationToken cancellation)
{
    private readonly long[] _order = new long[rows];   // one epoch's row order, reused every epoch

    /// <summary>Batches in one epoch of <paramref name="rows"/> rows.</summary>
    public static int BatchCount(long rows, int batchSize) => (int)((rows + batchSize - 1) / batchSize);

    /// <summary>Trains epoch <c>run.Epoch</c>, from <c>run.NextBatch</c> when resuming inside it.</summary>
    /// <param name="epochStart">The shuffling generator's state when the epoch began: a checkpoint written on
    /// cancellation stores it, so the resumed run redraws the same order.</param>
    /// <param name="best">The best weights so far, for that checkpoint.</param>
    public EpochMetrics Run<TWeights>(ResumeState run, Tensor epochStart, TWeights? best) where TWeights : class
    {
        long count = _order.Length;
        int batches = BatchCount(count, options.BatchSize), epoch = run.Epoch;
        var clock = Stopwatch.StartNew();
        double lossSum = run.EpochLossSum;
        long correct = run.EpochCorrect;
        model.train();
        using (var drawn = options.Shuffle ? torch.randperm(count, generator: generator) : torch.arange(count))
            MemoryMarshal.Cast<byte, long>(drawn.bytes).CopyTo(_order);
        long augmentationSeed = augmenter is null ? 0 : BatchAugmenter.DrawEpochSeed(generator);
        for (int batch = run.NextBatch; batch < batches; batch++)
        {
            if (cancellation.IsCancellationRequested)
                throw Cancel(run with
                {
                    NextBatch = batch,
                    EpochLossSum = lossSum,
                    EpochCorrect = correct,
                    EpochSeconds = run.EpochSeconds + clock.Elapsed.TotalSeconds
                }, epochStart, best);
            long start = (long)batch * options.BatchSize, size = Math.Min(options.BatchSize, count - start);
            var gathered = gather.Gather(_order.AsSpan((int)start, (int)size));
            if (augmenter is not null) Augment(augmenter, gathered, augmentationSeed, batch);
            double learningRate = options.LearningRate * schedule.RatioAt(epoch, batch);
            var (batchLossSum, batchCorrect) = step.Run(gathered, learningRate);
            if (!double.IsFinite(batchLossSum)) throw new TrainingDivergedException(epoch, batch + 1, batchLossSum / size);
            lossSum += batchLossSum;
            correct += batchCorrect;
            long seen = start + size;
            progress?.Report(new TrainingProgress(epoch, maxEpoch, batch + 1, batches,
                lossSum / seen, (seen - (long)run.NextBatch * options.BatchSize) / clock.Elapsed.TotalSeconds));
        }
        double seconds = run.EpochSeconds + clock.Elapsed.TotalSeconds;
        return new EpochMetrics(epoch, lossSum / count, (double)correct / count, null, null, seconds, count / seconds);
    }

    private TrainingCanceledException Cancel<TWeights>(ResumeState stoppedAt, Tensor epochStart, TWeights? best) where TWeights : class
    {
        string? written = null;
        if (options.CheckpointDirectory is { } directory)
        {
            Checkpoint.Write(directory, stoppedAt, model, optimizer, epochStart, best);
            written = Checkpoint.PathIn(directory);
        }
        return new TrainingCanceledException(stoppedAt.Epoch, stoppedAt.NextBatch, written, cancellation);
    }

    // The step reads the gathered batch's memory, so the distorted images are written back into it.
    private static void Augment(BatchAugmenter augmenter, BatchGather.Batch batch, long epochSeed, int batchIndex)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        batch.Inputs.copy_(augmenter.Apply(batch.Inputs, epochSeed, batchIndex));
    }
}
