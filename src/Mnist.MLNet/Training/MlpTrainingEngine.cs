using Microsoft.ML.Runtime;
using Mnist.MLNet.Native;
using Mnist.MLNet.Network;
using Mnist.MLNet.Training.Augmentation;
using Mnist.MLNet.Training.Losses;
using Mnist.MLNet.Training.Optimization;
using Mnist.MLNet.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training;

/// <summary>The training engine every task shares: builds the network and its step, resumes from a checkpoint, then
/// loops over epochs with validation, early stopping and a checkpoint after each.</summary>
/// <remarks>It knows nothing of labels or tasks: a trainer reads its rows into <see cref="TrainingSet"/>s and hands
/// over the network's output count and the loss.</remarks>
internal sealed class MlpTrainingEngine(MlpTrainerOptions options, IHost host, IProgress<TrainingProgress>? progress,
    CancellationToken cancellation)
{
    private readonly MlpTrainerOptions _options = options;
    private readonly IHost _host = host;
    private readonly IProgress<TrainingProgress>? _progress = progress;
    private readonly CancellationToken _cancellation = cancellation;

    /// <summary>Trains a network of <paramref name="outputs"/> outputs on <paramref name="loss"/>.</summary>
    /// <param name="validationLoss">What validation reports: the plain loss, where training may use a smoothed one.</param>
    /// <param name="smallDataDropout">The task's dropout for a small set whose length adapts, when the options leave
    /// dropout to the data (<see cref="TrainingTask.SmallDataDropout"/>).</param>
    /// <remarks>With <see cref="MlpTrainerOptions.AutoMaxEpoch"/> and no validation set, a tenth of
    /// <paramref name="train"/> is held out (<see cref="HoldOut"/>) to decide when to stop, and below
    /// <see cref="DataDefaults.LargeRows"/> rows the network is then trained again on every row for the epochs
    /// chosen, at least the step floor (<see cref="TrainingLength.RefitEpochs"/>); a null batch size and widths follow
    /// the rows (<see cref="DataDefaults"/>).</remarks>
    public TrainedNetwork Train(TrainingSet train, TrainingSet? valid, int outputs, TrainingLoss loss, TrainingLoss validationLoss,
        double smallDataDropout = 0)
    {
        int seed = _options.Seed ?? _host.Rand.Next();
        var options = DataDefaults.Resolve(_options, train.Count, smallDataDropout);
        // The quantiles come from every training row, held-out ones included: they read no label.
        var quantiles = QuantileEncoding.For(options, train, out string quantileFeatures);
        if (quantiles is not null)
        {
            train = quantiles.Encode(train);
            if (valid is not null) valid = quantiles.Encode(valid);
        }
        MlpWeights Raw(MlpWeights trained) => quantiles?.Fold(trained) ?? trained;
        var all = train;
        int heldOut = HoldOutIfAdaptive(ref train, ref valid, validationLoss, seed);
        var hidden = options.HiddenLayers!;
        var plan = new NetworkPlan<MlpWeights>(
            () => new MlpModule(train.InputSize, hidden, outputs, options.Dropout),
            module => ((MlpModule)module).ToWeights(), "",
            StepThreads.Default(train.InputSize, hidden, outputs, options.BatchSize), IsPlainMlp: true);
        var run = With(options).Train(train, valid, outputs, loss, validationLoss, plan, seed, heldOut);
        if (heldOut == 0 || !DataDefaults.RefitsOnAllRows(all.Count))
            return new TrainedNetwork(Raw(run.Weights), Decided(run, heldOut, options), hidden, QuantileFeatures: quantileFeatures);
        // The held-out tenth is a tenth of what a small set has to learn from: having chosen the length on it, train
        // again from the same start on every row for that many epochs, at least the step floor (scikit-learn's and
        // Keras' early stopping keep the held-out model; on sets this small the second run costs little and the rows
        // count more).
        int epochs = TrainingLength.RefitEpochs(run.BestEpoch, all.Count, options.BatchSize);
        var again = With(DataDefaults.ForRefit(options, epochs)).Train(all, null, outputs, loss, validationLoss, plan, seed, 0);
        string floor = epochs > run.BestEpoch ? $" (the floor of {TrainingLength.FloorSteps} steps)" : "";
        return new TrainedNetwork(Raw(again.Weights),
            Decided(run, heldOut, options) with { StopReason = $"{run.StopReason}; then trained {epochs} epochs on all {all.Count} rows{floor}" },
            hidden, epochs, quantileFeatures);
    }

    /// <summary>Trains the network of <paramref name="plan"/>: the same steps, schedule, validation, early stopping
    /// and checkpoints for any network, with what was decided from the data.</summary>
    public (TWeights Weights, TrainingDecisions Decisions) Train<TWeights>(TrainingSet train, TrainingSet? valid,
        int outputs, TrainingLoss loss, TrainingLoss validationLoss, NetworkPlan<TWeights> plan) where TWeights : class
    {
        int seed = _options.Seed ?? _host.Rand.Next();
        var options = DataDefaults.Resolve(_options, train.Count);
        int heldOut = HoldOutIfAdaptive(ref train, ref valid, validationLoss, seed);
        var run = With(options).Train(train, valid, outputs, loss, validationLoss, plan, seed, heldOut);
        return (run.Weights, Decided(run, heldOut, options));
    }

    // What a run with these resolved options decided.
    private static TrainingDecisions Decided<TWeights>((TWeights Weights, IReadOnlyList<EpochMetrics> History, int BestEpoch, string StopReason) run,
        int heldOut, MlpTrainerOptions options) =>
        new(run.History, heldOut, run.BestEpoch, run.StopReason, options.BatchSize, options.WeightDecay, options.Dropout);

    // The same engine with options resolved from the data, so that nothing below reads an option left to it.
    private MlpTrainingEngine With(MlpTrainerOptions options) => ReferenceEquals(options, _options) ? this : new(options, _host, _progress, _cancellation);

    // Without a validation set, an adaptive length needs rows to judge by: a stratified tenth of the training rows.
    private int HoldOutIfAdaptive(ref TrainingSet train, ref TrainingSet? valid, TrainingLoss validationLoss, int seed)
    {
        if (valid is not null || _options.MaxEpoch != MlpTrainerOptions.AutoMaxEpoch || train.Count < HoldOut.MinimumRows) return 0;
        (train, valid) = HoldOut.Split(train, seed, stratify: validationLoss.CountsCorrect);
        return valid.Count;
    }

    private (TWeights Weights, IReadOnlyList<EpochMetrics> History, int BestEpoch, string StopReason) Train<TWeights>(TrainingSet train,
        TrainingSet? valid, int outputs, TrainingLoss loss, TrainingLoss validationLoss, NetworkPlan<TWeights> plan, int seed, int heldOut)
        where TWeights : class
    {
        using var channel = _host.Start("Training");
        channel.Info(MessageSensitivity.None, $"Training on {train.Count} rows of {train.InputSize} features" +
            (valid is null ? "" : $", validating on {valid.Count}" + (heldOut > 0 ? " held out of the training rows" : "")) +
            $", {validationLoss.Name} loss");
        // One training at a time per process: libtorch's threads and default generator are process-wide.
        return TorchRuntime.RunExclusive(() => Run(train, valid, classCount: outputs, loss, validationLoss, plan, seed, heldOut, channel));
    }

    private (TWeights Weights, IReadOnlyList<EpochMetrics> History, int BestEpoch, string StopReason) Run<TWeights>(TrainingSet train,
        TrainingSet? valid, int classCount, TrainingLoss loss, TrainingLoss validationLoss, NetworkPlan<TWeights> plan, int seed,
        int heldOut, IChannel channel) where TWeights : class
    {
        var length = TrainingLength.For(_options, train.Count, _options.BatchSize, allRows: train.Count + heldOut);
        int threads = _options.NumberOfThreads > 0 ? _options.NumberOfThreads : plan.DefaultThreads;
        TorchRuntime.SetThreads(threads);
        // Multiclass fingerprints stay as they were, so checkpoints written before other losses existed still resume.
        string fingerprint = Fingerprint(train, classCount, loss) + plan.Fingerprint + (validationLoss is CrossEntropyLoss ? "" : $", loss {validationLoss.Name}");

        torch.manual_seed(seed);
        using var model = plan.Create();
        using var parameters = new FlatParameters(model.parameters().ToList());
        using var optimizer = CreateOptimizer(parameters, threads);
        bool bf16 = _options.EffectivePrecision == TrainingPrecision.Bf16;
        IGradientPass plain = plan.IsPlainMlp && !_options.UseAutograd && !bf16
            ? new ManualMlpStep(optimizer, _options.BatchSize, loss, _options.Dropout)
            : new AutogradStep(model, optimizer, loss, bf16 ? new BFloat16Forward(model).Forward : null);
        using ITrainingStep step = _options.SharpnessRadius > 0 ? new SharpnessAwareStep(plain, optimizer, _options.SharpnessRadius) : plain;
        using var gather = new BatchGather(train, _options.BatchSize);
        using var generator = new Generator((ulong)seed);
        using var validation = Validation.For(valid, validationLoss);
        using var augmenter = _options.Augmentation is { IsIdentity: false } a ? new BatchAugmenter(a, train.InputSize, _options.FeatureColumnName) : null;
        int batches = EpochRunner.BatchCount(train.Count, _options.BatchSize);
        if (_options.Precision == TrainingPrecision.Bf16 && !bf16)
        {
            string notice = $"This CPU has no native bfloat16 (AVX-512 BF16 or AMX) that oneDNN may use ({Native.OneDnnIsa.Variable}={Native.OneDnnIsa.Max}): training in fp32.";
            channel.Warning(MessageSensitivity.None, notice);
            _progress?.Report(new TrainingProgress(0, length.MaxEpoch, 0, batches, 0, 0, Notice: notice));
        }
        var schedule = new LearningRateSchedule(_options.LearningRateSchedule, _options.StartLearningRateRatio,
            _options.FinalLearningRateRatio, _options.WarmupFraction, length.MaxEpoch, batches);
        var epochs = new EpochRunner(_options, length.MaxEpoch, model, optimizer, step, gather, train.Count, generator, augmenter, schedule,
            _progress, _cancellation);

        var (run, best) = Resume<TWeights>(ResumeState.Start(seed, fingerprint), model, optimizer, generator, channel);
        var stopping = EarlyStopping<TWeights>.From(length, length.Adaptive ? TrainingLength.Tolerance : 0, run, best);
        string reason = $"trained all {length.MaxEpoch} epochs" + (length.Adaptive ? $" (the ceiling of {length.Ceiling} steps)" : "");
        int epoch = run.Epoch;
        for (; epoch <= length.MaxEpoch; epoch++)
        {
            using var epochStart = generator.get_state();   // the epoch's shuffle is redrawn from here on resume
            var metrics = epochs.Run(run, epochStart, stopping.Best);
            if (!validationLoss.CountsCorrect) metrics = metrics with { TrainAccuracy = double.NaN };
            if (validation is not null)
            {
                var (lossValue, accuracy) = validation.Evaluate(model);
                metrics = metrics with { ValidationLoss = lossValue, ValidationAccuracy = accuracy };
            }
            run.History.Add(metrics);
            channel.Info(MessageSensitivity.None, Format(metrics));
            _progress?.Report(new TrainingProgress(epoch, length.MaxEpoch, batches, batches, metrics.TrainLoss, metrics.SamplesPerSecond, metrics));

            bool stop = stopping.ShouldStop(epoch, metrics.ValidationLoss, () => plan.ToWeights(model));
            if (stop)
            {
                reason = stopping.Reason(epoch);
                channel.Info(MessageSensitivity.None, "Early stopping: " + reason);
            }
            run = run.EpochFinished(stopping);
            if (_options.CheckpointDirectory is { } directory)
            {
                using var next = generator.get_state();
                Checkpoint.Write(directory, run, model, optimizer, next, stopping.Best);
            }
            if (stop) break;
        }
        int last = Math.Min(epoch, length.MaxEpoch);
        return (stopping.Best ?? plan.ToWeights(model), run.History, stopping.BestEpoch(last), reason);
    }

    /// <summary>The checkpoint's state, with weights, optimizer and generators restored, when resuming from one;
    /// otherwise <paramref name="fresh"/> untouched.</summary>
    private (ResumeState Run, TWeights? Best) Resume<TWeights>(ResumeState fresh, nn.Module<Tensor, Tensor> model,
        FusedOptimizer optimizer, Generator generator, IChannel channel) where TWeights : class
    {
        if (!_options.ResumeFromCheckpoint || !Checkpoint.Exists(_options.CheckpointDirectory!)) return (fresh, null);
        var run = Checkpoint.ReadState(_options.CheckpointDirectory!);
        if (run.Fingerprint != fresh.Fingerprint || (_options.Seed is int wanted && wanted != run.Seed))
            throw new CheckpointMismatchException(
                $"{Checkpoint.PathIn(_options.CheckpointDirectory!)} was written by a run with other options or data " +
                $"({run.Fingerprint}); this run is ({fresh.Fingerprint}). Use another checkpoint directory or the same options.");
        var (generatorState, best) = Checkpoint.Restore<TWeights>(_options.CheckpointDirectory!, model, optimizer);
        using var state = torch.tensor(generatorState, dtype: ScalarType.Byte);
        generator.set_state(state);
        channel.Info(MessageSensitivity.None, $"Resuming from epoch {run.Epoch}, batch {run.NextBatch + 1}");
        return (run, best);
    }

    // What a resumed run must share with the run that wrote the checkpoint (all but the epoch budget).
    private string Fingerprint(TrainingSet train, int classCount, TrainingLoss loss) =>
        $"rows {train.Count}, inputs {train.InputSize}, classes {classCount}, hidden [{string.Join(",", DataDefaults.HiddenLayers(_options, train.Count))}], " +
        $"batch {_options.BatchSize}, {_options.Optimizer} lr {_options.LearningRate} ratios {_options.StartLearningRateRatio}-{_options.FinalLearningRateRatio}, " +
        $"decay {_options.WeightDecay}, momentum {_options.Momentum}, dropout {_options.Dropout}, shuffle {_options.Shuffle}, " +
        $"schedule {_options.LearningRateSchedule} warm-up {_options.WarmupFraction}, smoothing {(loss as CrossEntropyLoss)?.LabelSmoothing ?? 0}, " +
        $"augmentation {_options.Augmentation?.ToString() ?? "none"}" +
        (_options.SharpnessRadius > 0 ? $", sharpness-aware {_options.SharpnessRadius}" : "") +   // older checkpoints keep their fingerprint
        (_options.EffectivePrecision == TrainingPrecision.Bf16 ? ", bfloat16" : "") +
        (train.Weights is { } weights ? $", example weights summing to {weights.Sum(w => (double)w):R}" : "");

    private FusedOptimizer CreateOptimizer(FlatParameters parameters, int threads) => _options.Optimizer switch
    {
        OptimizerKind.Adam => new FusedAdam(parameters, _options.WeightDecay, decoupled: false, threads),
        OptimizerKind.AdamW => new FusedAdam(parameters, _options.WeightDecay, decoupled: true, threads),
        OptimizerKind.Sgd => new FusedSgd(parameters, _options.Momentum, _options.WeightDecay, threads),
        _ => throw new ArgumentOutOfRangeException(nameof(MlpTrainerOptions.Optimizer)),
    };

    private static string Format(EpochMetrics m) =>
        $"Epoch {m.Epoch}: train loss {m.TrainLoss:F4}, accuracy {m.TrainAccuracy:P2}" +
        (m.ValidationLoss is null ? "" : $", validation loss {m.ValidationLoss:F4}, accuracy {m.ValidationAccuracy:P2}") +
        $", {m.Seconds:F1} s ({m.SamplesPerSecond:F0} samples/s)";
}
