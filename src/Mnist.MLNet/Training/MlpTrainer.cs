using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Mnist.MLNet.Data;
using Mnist.MLNet.Native;
using Mnist.MLNet.Training.Optimization;
using Mnist.MLNet.Training.Tasks;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Training.Augmentation;
using Mnist.MLNet.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training;

/// <summary>
/// Trains a multilayer perceptron classifier with TorchSharp: the PyTorch MNIST tutorial's network
/// (784-512-256-10, ReLU, cross-entropy, Adam 1e-3, batches of 64 reshuffled every epoch) as an ML.NET estimator.
/// </summary>
/// <remarks>The label must be a key column (use <c>MapValueToKey</c>); the features a known-size Single vector.
/// The fitted <see cref="MlpTransformer"/> scores through ONNX Runtime and never loads libtorch.</remarks>
public sealed partial class MlpTrainer : IEstimator<MlpTransformer>
{
    private readonly MLContext _mlContext;
    private readonly IHost _host;
    private readonly Options _options;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly CancellationToken _cancellation;

    /// <summary>A trainer with the tutorial's defaults, in a fresh <see cref="MLContext"/>.</summary>
    public MlpTrainer() : this(new MLContext(), new Options()) { }

    /// <summary>A trainer with the given options.</summary>
    /// <param name="progress">Receives a report after every batch and every epoch.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary; <see cref="Fit"/> then throws
    /// <see cref="OperationCanceledException"/>.</param>
    public MlpTrainer(MLContext mlContext, Options? options = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        _options = options ?? new Options();
        _options.Validate();
        _mlContext = mlContext;
        _host = ((IHostEnvironment)mlContext).Register(nameof(MlpTrainer));
        _progress = progress;
        _cancellation = cancellationToken;
    }

    /// <summary>The options this trainer uses.</summary>
    public Options TrainerOptions => _options;

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var label = inputSchema.FirstOrDefault(c => c.Name == _options.LabelColumnName);
        if (label.Name is null)
            throw SchemaError($"Could not find label column '{_options.LabelColumnName}'.");
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || !label.IsKey)
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected Key, got {Describe(label)}. " +
                              "Add mlContext.Transforms.Conversion.MapValueToKey before the trainer.");
        var features = inputSchema.FirstOrDefault(c => c.Name == _options.FeatureColumnName);
        if (features.Name is null)
            throw SchemaError($"Could not find feature column '{_options.FeatureColumnName}'.");
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw SchemaError($"Schema mismatch for feature column '{features.Name}': expected known-size vector of Single, got {Describe(features)}.");

        // SchemaShape.Column cannot be built outside ML.NET; copying columns of the right shape yields them:
        // Score is a known-size Single vector like Features, PredictedLabel a key like Label (with its key values).
        return _mlContext.Transforms.CopyColumns(_options.ScoreColumnName, features.Name)
            .Append(_mlContext.Transforms.CopyColumns(_options.PredictionColumnName, label.Name))
            .GetOutputSchema(inputSchema);
    }

    /// <summary>Trains on <paramref name="input"/> and returns the fitted model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type; the message names it.</exception>
    /// <exception cref="TrainingDataException">A label is missing, a feature is not finite, or there are no rows.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="TrainingCanceledException">Training was cancelled; it stopped at a batch boundary (and wrote a
    /// checkpoint when a checkpoint directory is set).</exception>
    /// <exception cref="CheckpointMismatchException">Resuming from a checkpoint written with other options or data.</exception>
    public MlpTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (label, inputSize) = CheckSchema(input.Schema, "training data");
        if (_options.Augmentation is { } augmentation) BatchAugmenter.CheckShape(augmentation, inputSize, _options.FeatureColumnName);
        if (_options.ValidationSet is { } validation)
        {
            var (_, validationSize) = CheckSchema(validation.Schema, nameof(Options.ValidationSet), label);
            if (validationSize != inputSize)
                throw SchemaError($"Schema mismatch for feature column '{_options.FeatureColumnName}' of {nameof(Options.ValidationSet)}: " +
                                  $"expected Vector<Single, {inputSize}> as in the training data, got Vector<Single, {validationSize}>.");
        }

        var train = TrainingSet.Read(input, label.Name, _options.FeatureColumnName, LabelKeys.For(label, label), _cancellation);
        var valid = _options.ValidationSet is { } v
            ? TrainingSet.Read(v, _options.LabelColumnName, _options.FeatureColumnName,
                LabelKeys.For(label, v.Schema[_options.LabelColumnName]), _cancellation)
            : null;
        int classCount = (int)((KeyDataViewType)label.Type).Count;
        var (weights, history) = TrainNetwork(train, valid, classCount, CrossEntropyLoss.Instance);
        return new MlpTransformer(_mlContext, weights, _options.FeatureColumnName, label, history,
            _options.ScoreColumnName, _options.PredictionColumnName, TrainingOptionsEntries.From(_options),
            ImageShapeAnnotation.Read(input.Schema[_options.FeatureColumnName]));
    }

    /// <summary>The training engine every task shares: a network of <paramref name="outputs"/> outputs trained on
    /// <paramref name="loss"/> with this trainer's options (the binary and regression trainers call it too).</summary>
    internal (MlpWeights Weights, IReadOnlyList<EpochMetrics> History) TrainNetwork(
        TrainingSet train, TrainingSet? valid, int outputs, TrainingLoss loss)
    {
        using var channel = _host.Start("Training");
        channel.Info(MessageSensitivity.None, $"Training on {train.Count} rows of {train.InputSize} features" +
            (valid is null ? "" : $", validating on {valid.Count}") + $", {loss.Name} loss");
        // One training at a time per process: libtorch's threads and default generator are process-wide.
        return TorchRuntime.RunExclusive(() => Train(train, valid, outputs, loss, channel));
    }

    private (MlpWeights Weights, IReadOnlyList<EpochMetrics> History) Train(
        TrainingSet train, TrainingSet? valid, int classCount, TrainingLoss loss, IChannel channel)
    {
        int threads = _options.NumberOfThreads > 0 ? _options.NumberOfThreads
            : StepThreads.Default(train.InputSize, _options.HiddenLayers, classCount, _options.BatchSize);
        TorchRuntime.SetThreads(threads);
        int seed = _options.Seed ?? _host.Rand.Next();
        // Multiclass fingerprints stay as they were, so checkpoints written before other losses existed still resume.
        string fingerprint = Fingerprint(train, classCount) + (loss is CrossEntropyLoss ? "" : $", loss {loss.Name}");

        torch.manual_seed(seed);
        using var model = new MlpModule(train.InputSize, _options.HiddenLayers, classCount, _options.Dropout);
        using var parameters = new FlatParameters(model.parameters().ToList());
        using var optimizer = CreateOptimizer(parameters, threads);
        // Label smoothing shapes the training loss only; validation reports plain cross-entropy, as PyTorch users read it.
        var trainingLoss = loss is CrossEntropyLoss && _options.LabelSmoothing > 0 ? new CrossEntropyLoss(_options.LabelSmoothing) : loss;
        using ITrainingStep step = _options.Dropout == 0 && !_options.UseAutograd
            ? new ManualMlpStep(optimizer, _options.BatchSize, trainingLoss)
            : new AutogradStep(model, optimizer, trainingLoss);
        using var gather = new BatchGather(train, _options.BatchSize);
        using var generator = new Generator((ulong)seed);
        var order = new long[train.Count];   // one epoch's row order, reused every epoch
        using var validX = valid is null ? null : torch.tensor(valid.Features, [valid.Count, valid.InputSize]);
        using var validY = valid is null ? null : loss.Targets(valid);
        using var augmenter = _options.Augmentation is { IsIdentity: false } a ? new BatchAugmenter(a, train.InputSize, _options.FeatureColumnName) : null;
        var schedule = new LearningRateSchedule(_options.LearningRateSchedule, _options.StartLearningRateRatio,
            _options.FinalLearningRateRatio, _options.WarmupFraction, _options.MaxEpoch, BatchCount(train.Count));

        var run = new CheckpointState(1, 0, seed, fingerprint, 0, 0, 0, [], double.PositiveInfinity, 0);
        MlpWeights? best = null;
        if (_options.ResumeFromCheckpoint && Checkpoint.Exists(_options.CheckpointDirectory!))
        {
            run = Checkpoint.ReadState(_options.CheckpointDirectory!);
            if (run.Fingerprint != fingerprint || (_options.Seed is int wanted && wanted != run.Seed))
                throw new CheckpointMismatchException(
                    $"{Checkpoint.PathIn(_options.CheckpointDirectory!)} was written by a run with other options or data " +
                    $"({run.Fingerprint}); this run is ({fingerprint}). Use another checkpoint directory or the same options.");
            (var generatorState, best) = Checkpoint.Restore(_options.CheckpointDirectory!, model, optimizer);
            using var state = torch.tensor(generatorState, dtype: ScalarType.Byte);
            generator.set_state(state);
            channel.Info(MessageSensitivity.None, $"Resuming from epoch {run.Epoch}, batch {run.NextBatch + 1}");
        }

        for (int epoch = run.Epoch; epoch <= _options.MaxEpoch; epoch++)
        {
            using var epochStart = generator.get_state();   // the epoch's shuffle is redrawn from here on resume
            var metrics = TrainEpoch(model, step, gather, generator, order, run with { Epoch = epoch }, epochStart, best,
                optimizer, augmenter, schedule);
            if (!loss.CountsCorrect) metrics = metrics with { TrainAccuracy = double.NaN };
            if (validX is not null)
            {
                var (lossValue, accuracy) = Evaluate(model, validX, validY!, loss);
                metrics = metrics with { ValidationLoss = lossValue, ValidationAccuracy = accuracy };
            }
            run.History.Add(metrics);
            channel.Info(MessageSensitivity.None, Format(metrics));
            int batches = BatchCount(train.Count);
            _progress?.Report(new TrainingProgress(epoch, _options.MaxEpoch, batches, batches, metrics.TrainLoss, metrics.SamplesPerSecond, metrics));

            bool stop = false;
            if (metrics.ValidationLoss is double validationLoss && _options.EarlyStoppingPatience > 0)
            {
                if (validationLoss < run.BestValidationLoss)
                {
                    run = run with { BestValidationLoss = validationLoss, EpochsSinceBest = 0 };
                    best = model.ToWeights();
                }
                else if (run.EpochsSinceBest + 1 >= _options.EarlyStoppingPatience)
                {
                    channel.Info(MessageSensitivity.None, $"Early stopping after epoch {epoch}: no lower validation loss for " +
                        $"{run.EpochsSinceBest + 1} epochs; keeping epoch {epoch - run.EpochsSinceBest - 1}.");
                    stop = true;
                }
                else run = run with { EpochsSinceBest = run.EpochsSinceBest + 1 };
            }
            run = run with { Epoch = epoch + 1, NextBatch = 0, EpochLossSum = 0, EpochCorrect = 0, EpochSeconds = 0 };
            if (_options.CheckpointDirectory is { } directory)
            {
                using var next = generator.get_state();
                Checkpoint.Write(directory, run, model, optimizer, next, best);
            }
            if (stop) break;
        }
        return (best ?? model.ToWeights(), run.History);
    }

    /// <summary>Trains one epoch, from <c>run.NextBatch</c> when resuming inside it.</summary>
    private EpochMetrics TrainEpoch(MlpModule model, ITrainingStep step, BatchGather gather, Generator generator, long[] order,
        CheckpointState run, Tensor epochStart, MlpWeights? best, FusedOptimizer optimizer, BatchAugmenter? augmenter,
        LearningRateSchedule schedule)
    {
        long count = order.Length;
        int batches = BatchCount(count), epoch = run.Epoch;
        var clock = Stopwatch.StartNew();
        double lossSum = run.EpochLossSum;
        long correct = run.EpochCorrect;
        model.train();
        using (var drawn = _options.Shuffle ? torch.randperm(count, generator: generator) : torch.arange(count))
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(drawn.bytes).CopyTo(order);
        long augmentationSeed = augmenter is null ? 0 : BatchAugmenter.DrawEpochSeed(generator);
        for (int batch = run.NextBatch; batch < batches; batch++)
        {
            if (_cancellation.IsCancellationRequested)
            {
                string? written = null;
                if (_options.CheckpointDirectory is { } directory)
                {
                    Checkpoint.Write(directory, run with { NextBatch = batch, EpochLossSum = lossSum, EpochCorrect = correct,
                        EpochSeconds = run.EpochSeconds + clock.Elapsed.TotalSeconds }, model, optimizer, epochStart, best);
                    written = Checkpoint.PathIn(directory);
                }
                throw new TrainingCanceledException(epoch, batch, written, _cancellation);
            }
            long start = (long)batch * _options.BatchSize, size = Math.Min(_options.BatchSize, count - start);
            var gathered = gather.Gather(order.AsSpan((int)start, (int)size));
            if (augmenter is not null) Augment(augmenter, gathered, augmentationSeed, batch);
            double learningRate = _options.LearningRate * schedule.RatioAt(epoch, batch);
            var (batchLossSum, batchCorrect) = step.Run(gathered, learningRate);
            if (!double.IsFinite(batchLossSum)) throw new TrainingDivergedException(epoch, batch + 1, batchLossSum / size);
            lossSum += batchLossSum;
            correct += batchCorrect;
            long seen = start + size;
            _progress?.Report(new TrainingProgress(epoch, _options.MaxEpoch, batch + 1, batches,
                lossSum / seen, (seen - (long)run.NextBatch * _options.BatchSize) / clock.Elapsed.TotalSeconds));
        }
        double seconds = run.EpochSeconds + clock.Elapsed.TotalSeconds;
        return new EpochMetrics(epoch, lossSum / count, (double)correct / count, null, null, seconds, count / seconds);
    }

    // What a resumed run must share with the run that wrote the checkpoint (all but the epoch budget).
    private string Fingerprint(TrainingSet train, int classCount) =>
        $"rows {train.Count}, inputs {train.InputSize}, classes {classCount}, hidden [{string.Join(",", _options.HiddenLayers)}], " +
        $"batch {_options.BatchSize}, {_options.Optimizer} lr {_options.LearningRate} ratios {_options.StartLearningRateRatio}-{_options.FinalLearningRateRatio}, " +
        $"decay {_options.WeightDecay}, momentum {_options.Momentum}, dropout {_options.Dropout}, shuffle {_options.Shuffle}, " +
        $"schedule {_options.LearningRateSchedule} warm-up {_options.WarmupFraction}, smoothing {_options.LabelSmoothing}, " +
        $"augmentation {_options.Augmentation?.ToString() ?? "none"}";

    /// <summary>Mean loss and accuracy (NaN for regression) of <paramref name="model"/> on a whole set.</summary>
    private static (double Loss, double Accuracy) Evaluate(MlpModule model, Tensor x, Tensor y, TrainingLoss loss)
    {
        const int Chunk = 4096;   // evaluation has no activations to keep; large chunks are fastest
        model.eval();
        using var _ = no_grad();
        double lossSum = 0;
        long correct = 0, count = x.shape[0];
        for (long start = 0; start < count; start += Chunk)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(Chunk, count - start);
            var (chunkLoss, chunkCorrect) = loss.Sum(model.forward(x.narrow(0, start, size)), y.narrow(0, start, size));
            lossSum += chunkLoss;
            correct += chunkCorrect;
        }
        return (lossSum / count, loss.CountsCorrect ? (double)correct / count : double.NaN);
    }

    private FusedOptimizer CreateOptimizer(FlatParameters parameters, int threads) => _options.Optimizer switch
    {
        OptimizerKind.Adam => new FusedAdam(parameters, _options.WeightDecay, decoupled: false, threads),
        OptimizerKind.AdamW => new FusedAdam(parameters, _options.WeightDecay, decoupled: true, threads),
        OptimizerKind.Sgd => new FusedSgd(parameters, _options.Momentum, _options.WeightDecay, threads),
        _ => throw new ArgumentOutOfRangeException(nameof(Options.Optimizer)),
    };

    // The step reads the gathered batch's memory, so the distorted images are written back into it.
    private static void Augment(BatchAugmenter augmenter, BatchGather.Batch batch, long epochSeed, int batchIndex)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        batch.Inputs.copy_(augmenter.Apply(batch.Inputs, epochSeed, batchIndex));
    }

    private int BatchCount(long rows) => (int)((rows + _options.BatchSize - 1) / _options.BatchSize);

    private (DataViewSchema.Column Label, int InputSize) CheckSchema(DataViewSchema schema, string what, DataViewSchema.Column? trainingLabel = null)
    {
        var label = schema.GetColumnOrNull(_options.LabelColumnName)
            ?? throw SchemaError($"Could not find label column '{_options.LabelColumnName}' in the {what}.");
        if (trainingLabel is null && label.Type is not KeyDataViewType)
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected Key, got {label.Type}. " +
                              "Add mlContext.Transforms.Conversion.MapValueToKey before the trainer.");
        if (label.Type is KeyDataViewType key && key.RawType != typeof(uint))
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected Key<UInt32>, got {label.Type}.");
        var features = schema.GetColumnOrNull(_options.FeatureColumnName)
            ?? throw SchemaError($"Could not find feature column '{_options.FeatureColumnName}' in the {what}.");
        if (features.Type is not VectorDataViewType { IsKnownSize: true, ItemType: var item, Size: var size } || item != NumberDataViewType.Single)
            throw SchemaError($"Schema mismatch for feature column '{features.Name}': expected known-size vector of Single, got {features.Type}.");
        return (label, size);
    }

    private static ArgumentOutOfRangeException SchemaError(string message) => new("inputSchema", message);

    private static string Describe(SchemaShape.Column column) =>
        (column.Kind == SchemaShape.Column.VectorKind.Scalar ? "" : column.Kind + " of ") + column.ItemType + (column.IsKey ? " key" : "");

    private static string Format(EpochMetrics m) =>
        $"Epoch {m.Epoch}: train loss {m.TrainLoss:F4}, accuracy {m.TrainAccuracy:P2}" +
        (m.ValidationLoss is null ? "" : $", validation loss {m.ValidationLoss:F4}, accuracy {m.ValidationAccuracy:P2}") +
        $", {m.Seconds:F1} s ({m.SamplesPerSecond:F0} samples/s)";
}
