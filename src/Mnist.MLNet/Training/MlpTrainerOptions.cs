using Microsoft.ML.TorchSharp;
using Mnist.MLNet.Training.Augmentation;
using Mnist.MLNet.Training.Schedules;

namespace Mnist.MLNet.Training;

/// <summary>The options every MLP trainer shares (multiclass, binary and regression). By default the training length
/// (<see cref="AutoMaxEpoch"/>) and the hidden widths (<see cref="HiddenLayers"/> null) follow the data
/// (docs/defaults.md); the optimizer and batches are the tutorial's; <c>MlpRecipes.Create(MlpRecipe.Tutorial)</c> is the
/// PyTorch MNIST tutorial. Each trainer's <c>Options</c> derives from these and adds only what its task means.</summary>
/// <remarks>Column names, <c>BatchSize</c>, <c>MaxEpoch</c>, <c>WeightDecay</c>, <c>ValidationSet</c> and the
/// learning-rate ratios keep the meaning they have in Microsoft.ML.TorchSharp's trainers.</remarks>
public abstract class MlpTrainerOptions : TorchSharpBaseTrainer.Options
{
    private protected MlpTrainerOptions()
    {
        BatchSize = MlpTrainer.Defaults.BatchSize;
        MaxEpoch = MlpTrainer.Defaults.MaxEpoch;
        StartLearningRateRatio = MlpTrainer.Defaults.LearningRateRatio;
        FinalLearningRateRatio = MlpTrainer.Defaults.LearningRateRatio;
        WeightDecay = AutoWeightDecay;
        Dropout = AutoDropout;
    }

    /// <summary>The column of features: a known-size vector of Single.</summary>
    public string FeatureColumnName = MlpTrainer.Defaults.FeatureColumnName;

    /// <summary>A Single column of example weights: each row's loss counts by its weight (a weighted mean over every
    /// batch), so a weight of 0 leaves a row out and 2 counts it twice. Null (the default) counts every row the same.
    /// Weights must be finite and not negative; the validation loss is not weighted.</summary>
    public string? ExampleWeightColumnName;

    /// <summary><c>MaxEpoch</c>'s default: the trainer decides how long to train. Without a <c>ValidationSet</c> it holds
    /// out 10% of the training rows (stratified by class), stops once the loss on them has not improved for a
    /// while, between a floor and a ceiling counted in optimizer steps, and keeps the best epoch's weights; it does
    /// not train again on all rows. Any other value trains exactly that many epochs on all rows.</summary>
    public const int AutoMaxEpoch = 0;

    /// <summary><c>BatchSize</c>'s default: the trainer decides from the rows, scikit-learn's <c>min(200, rows)</c> below
    /// 10,000 training rows when <c>MaxEpoch</c> is left to the data too, else the tutorial's 64 (docs/defaults.md).</summary>
    public const int AutoBatchSize = 0;

    /// <summary><c>WeightDecay</c>'s default: the trainer decides. A network below 10,000 training rows whose length
    /// adapts gets a small L2 penalty (docs/defaults.md); anything else, as the tutorial, none. Set 0 for none.</summary>
    public const double AutoWeightDecay = -1;

    /// <summary><see cref="Dropout"/>'s default: the trainer decides. The binary classifier on rare positives (under
    /// 10% of fewer than 10,000 training rows) whose length adapts drops a fifth of the hidden units, which keeps the
    /// training rows' logits, on which it chooses its threshold, from being memorised (docs/defaults.md); anything
    /// else, as the tutorial, none. Set 0 for none.</summary>
    public const double AutoDropout = -1;

    /// <summary>Widths of the hidden layers, each followed by ReLU; null (the default) chooses from the data: the
    /// tutorial's 512 and 256 from 10,000 training rows up, one layer of 100 (scikit-learn's) below.</summary>
    public int[]? HiddenLayers;

    /// <summary>Let the network read, beside each feature, its quantile among the training rows (its empirical
    /// distribution function, standardised), for every feature whose quantile is not close to a copy of it: skewed,
    /// zero-inflated or heavy-tailed features, not uniform, normal or 0/1 ones. The model folds the quantiles into two
    /// more layers, so it still reads the raw features and exports to ONNX as before; the card records how many
    /// features got one. Off by default: on the tabular sets of docs/defaults.md it gained most where trees lead
    /// (glass, oil spill, sonar) and lost about as much elsewhere (pima, new-thyroid, red wine quality). At most
    /// <see cref="MaxQuantileFeatures"/> features.</summary>
    public bool QuantileFeatures;

    /// <summary>The most features <see cref="QuantileFeatures"/> takes: tabular rows, not pixels. The folded layers have
    /// two units a feature and one a knot, 512 knots at most, and the second of them is square.</summary>
    public const int MaxQuantileFeatures = 64;

    /// <summary>Base learning rate; each batch uses it times the factor <see cref="LearningRateSchedule"/> gives
    /// (by default a ratio moving linearly from <c>StartLearningRateRatio</c> in the first epoch to
    /// <c>FinalLearningRateRatio</c> in the last).</summary>
    public double LearningRate = MlpTrainer.Defaults.LearningRate;

    /// <summary>Which optimizer updates the weights.</summary>
    public OptimizerKind Optimizer = MlpTrainer.Defaults.Optimizer;

    /// <summary>Momentum, used by <see cref="OptimizerKind.Sgd"/> only.</summary>
    public double Momentum = MlpTrainer.Defaults.Momentum;

    /// <summary>Draw a new order of the training rows every epoch (PyTorch's <c>DataLoader(shuffle=True)</c>).</summary>
    public bool Shuffle = true;

    /// <summary>Seed for weight initialisation, shuffling and the held-out rows; null takes the MLContext's seed. The
    /// catalog methods and the parameterless constructors, which cannot see your MLContext, use
    /// <see cref="MlpTrainer.Defaults.Seed"/>, so they give the same model every run.</summary>
    public int? Seed;

    /// <summary>libtorch threads; 0 picks the library's measured default.</summary>
    public int NumberOfThreads;

    /// <summary>Dropout probability after each hidden activation of the MLP; 0 (the tutorial) adds no dropout layer;
    /// <see cref="AutoDropout"/> (the default) leaves it to the data. A layer stack declares its dropout as layers
    /// instead.</summary>
    public double Dropout;

    /// <summary>With a validation set: stop after this many epochs without a lower validation loss, and
    /// restore the best epoch's weights. 0 trains every epoch (with <see cref="AutoMaxEpoch"/>: the trainer's own
    /// patience).</summary>
    public int EarlyStoppingPatience;

    /// <summary>When set, a checkpoint (weights, optimizer state, generator states, epoch) is written here
    /// atomically after every epoch and when training is cancelled.</summary>
    public string? CheckpointDirectory;

    /// <summary>Continue from the checkpoint in <see cref="CheckpointDirectory"/> when there is one. With the same
    /// options, data and thread count, the result equals an uninterrupted run.</summary>
    public bool ResumeFromCheckpoint;

    /// <summary>Train through autograd even where the hand-written Linear+ReLU step applies; for comparisons.</summary>
    internal bool UseAutograd;

    /// <summary>The arithmetic of the forward and backward passes: fp32 (the default), or bfloat16 with fp32 master
    /// weights and loss where the CPU has native bfloat16 (training on another CPU says so and runs in fp32). The model
    /// card records the precision used; the model is fp32 either way.</summary>
    public TrainingPrecision Precision = TrainingPrecision.Fp32;

    /// <summary>Train in bfloat16 when asked even on a CPU without native bfloat16 (emulated, slower); for tests.</summary>
    internal bool ForceBFloat16;

    /// <summary>The precision training actually runs in: <see cref="Precision"/>, or fp32 when bfloat16 is asked for on
    /// a CPU without it.</summary>
    internal TrainingPrecision EffectivePrecision =>
        Precision == TrainingPrecision.Bf16 && (ForceBFloat16 || Native.BFloat16Support.IsNative) ? TrainingPrecision.Bf16 : TrainingPrecision.Fp32;

    /// <summary>How the learning rate moves from <c>StartLearningRateRatio</c> to <c>FinalLearningRateRatio</c>
    /// times <see cref="LearningRate"/>.</summary>
    public LearningRateScheduleKind LearningRateSchedule = MlpTrainer.Defaults.LearningRateSchedule;

    /// <summary>One-cycle only: the fraction of all batches spent warming up to the peak learning rate.</summary>
    public double WarmupFraction = MlpTrainer.Defaults.WarmupFraction;

    /// <summary>Random distortions of every training batch; null (the tutorial) trains on the images as they are.</summary>
    public AugmentationOptions? Augmentation;

    /// <summary>Sharpness-aware minimisation's radius rho (Foret et al., 2021; 0.05 in their paper): each step
    /// uses the gradient at the weights moved this far uphill, which favours flat minima that generalise better,
    /// at twice the cost per batch; 0 (the tutorial) steps with the plain gradient.</summary>
    public double SharpnessRadius;

    /// <summary>A copy of these options of the same type, for the values training decides from the data: the
    /// caller's object never changes.</summary>
    internal MlpTrainerOptions Copy() => (MlpTrainerOptions)MemberwiseClone();

    /// <summary>Checks every option and names the first one out of range; a task's options check what they add.</summary>
    internal virtual void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(LabelColumnName, nameof(LabelColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(FeatureColumnName, nameof(FeatureColumnName));
        if (ExampleWeightColumnName is not null) ArgumentException.ThrowIfNullOrWhiteSpace(ExampleWeightColumnName, nameof(ExampleWeightColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(ScoreColumnName, nameof(ScoreColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(PredictionColumnName, nameof(PredictionColumnName));
        ArgumentOutOfRangeException.ThrowIfNegative(BatchSize, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxEpoch, nameof(MaxEpoch));
        foreach (var width in HiddenLayers ?? [])
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width, nameof(HiddenLayers));
        if (!(LearningRate > 0 && double.IsFinite(LearningRate)))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Must be positive and finite.");
        if (!(StartLearningRateRatio > 0) || !(FinalLearningRateRatio > 0))
            throw new ArgumentOutOfRangeException(nameof(StartLearningRateRatio), "Learning-rate ratios must be positive.");
        if (!(WeightDecay >= 0 || WeightDecay == AutoWeightDecay)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Must be zero or positive.");
        if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Must be in [0, 1).");
        if (!(Dropout >= 0 && Dropout < 1 || Dropout == AutoDropout))
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, $"Must be in [0, 1), or {nameof(AutoDropout)} ({AutoDropout}) to let the trainer choose.");
        ArgumentOutOfRangeException.ThrowIfNegative(NumberOfThreads, nameof(NumberOfThreads));
        ArgumentOutOfRangeException.ThrowIfNegative(EarlyStoppingPatience, nameof(EarlyStoppingPatience));
        if (ResumeFromCheckpoint && string.IsNullOrWhiteSpace(CheckpointDirectory))
            throw new ArgumentException("Resuming needs a checkpoint directory.", nameof(CheckpointDirectory));
        if (!Enum.IsDefined(LearningRateSchedule))
            throw new ArgumentOutOfRangeException(nameof(LearningRateSchedule), LearningRateSchedule, "Unknown learning-rate schedule.");
        if (!(WarmupFraction > 0 && WarmupFraction < 1)) throw new ArgumentOutOfRangeException(nameof(WarmupFraction), WarmupFraction, "Must be in (0, 1).");
        if (!(SharpnessRadius >= 0 && double.IsFinite(SharpnessRadius)))
            throw new ArgumentOutOfRangeException(nameof(SharpnessRadius), SharpnessRadius, "Must be zero or positive, and finite.");
        Augmentation?.Validate();
        if (!Enum.IsDefined(Optimizer)) throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "Unknown optimizer.");
        if (!Enum.IsDefined(Precision)) throw new ArgumentOutOfRangeException(nameof(Precision), Precision, "Unknown precision.");
    }
}
