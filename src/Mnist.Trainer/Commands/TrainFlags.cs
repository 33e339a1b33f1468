using System.Numerics;
using Mnist.MLNet.Network.Layers;
using Mnist.MLNet.Training;
using Mnist.MLNet.Training.Augmentation;
using Mnist.MLNet.Training.Recipes;
using Mnist.MLNet.Training.Schedules;
using static Mnist.Trainer.Commands.FlagValues;
using Settings = Mnist.Trainer.Commands.TrainCommand.Settings;

namespace Mnist.Trainer.Commands;

/// <summary>The flags of <c>mnist train</c>, each declared once: name, help, range, and the setting it reads and
/// writes. Help lists them, and the resume line spells them, in this order. A recipe supplies every value the
/// command line leaves out; help shows the tutorial's values, as a user would type them.</summary>
internal static class TrainFlags
{
    // Declared first: the flags below read them.
    private static readonly Settings Defaults = new();
    private static readonly Dictionary<string, MlpRecipe> Recipes = new() { ["tutorial"] = MlpRecipe.Tutorial, ["fast"] = MlpRecipe.Fast, ["best"] = MlpRecipe.Best, ["cnn"] = MlpRecipe.Cnn };
    private static readonly Dictionary<string, bool> Switch = new() { ["true"] = true, ["false"] = false };
    private static readonly Dictionary<string, OptimizerKind> Optimizers = new() { ["adam"] = OptimizerKind.Adam, ["adamw"] = OptimizerKind.AdamW, ["sgd"] = OptimizerKind.Sgd };
    private static readonly Dictionary<string, TrainingPrecision> Precisions = new() { ["fp32"] = TrainingPrecision.Fp32, ["bf16"] = TrainingPrecision.Bf16 };
    private static readonly Dictionary<string, LearningRateScheduleKind> Schedules = new()
    {
        ["linear"] = LearningRateScheduleKind.Linear, ["constant"] = LearningRateScheduleKind.Constant,
        ["cosine"] = LearningRateScheduleKind.Cosine, ["one-cycle"] = LearningRateScheduleKind.OneCycle,
    };

    /// <summary><c>--recipe</c>: the base every other flag overrides; not a setting of its own.</summary>
    public static readonly Option<MlpRecipe?> Recipe = new("--recipe")
    {
        Description = "Start from a named set of options; flags given explicitly override its values [default: tutorial on MNIST; " +
            "with --csv or --images, the library's defaults, which adapt the length, widths and batch to the data]",
        HelpName = string.Join("|", Recipes.Keys),
        CustomParser = r => ParseName(r, "--recipe", Recipes),
    };

    /// <summary><c>--resume</c>: continue from the checkpoint; the resume line ends with it.</summary>
    public static readonly Option<bool> Resume = OptionFactory.Switch("--resume", "Continue from the checkpoint in --checkpoint-dir (same options and data)");

    public static readonly TrainFlag<double> ValidationFraction = Number("--validation-fraction", "F",
        "Hold out this fraction of the training split (chosen by --seed) to validate after each epoch; 0 for none",
        s => s.Training.ValidationFraction, (s, v) => s.Training.ValidationFraction = v, v => v >= 0 && v < 1, "in [0, 1)");

    public static readonly TrainFlag<int> Patience = Number("--patience", "N",
        "Stop after N epochs without a lower validation loss and keep the best epoch (needs --validation-fraction); 0 trains every epoch",
        s => s.Trainer.EarlyStoppingPatience, (s, v) => s.Trainer.EarlyStoppingPatience = v, NotNegative, "zero or positive");

    public static readonly TrainFlag<LayerStack?> Layers = new(new Option<LayerStack?>("--layers")
    {
        Description = "Train this stack of layers instead of the MLP of --hidden, comma-separated, e.g. " +
            "conv32k3,pool2,conv64k3,pool2,dense128 (the output layer is added). " + LayerSpelling.Grammar,
        HelpName = "LAYERS",
        CustomParser = r => ParseLayers(r, "--layers"),
    }, s => s.Trainer.Layers, (s, v) => s.Trainer.Layers = v, v => v!.ToString());

    public static readonly TrainFlag<double> Dropout = Number("--dropout", "P",
        "Dropout probability after each hidden layer of the MLP (with --layers, declare drop<rate> in the stack)",
        s => s.Trainer.Dropout, (s, v) => s.Trainer.Dropout = v, v => v >= 0 && v < 1, "in [0, 1)",
        spellWhen: s => s.Trainer.Layers is null && s.Trainer.Dropout != MlpTrainerOptions.AutoDropout);

    /// <summary>Every flag that is a setting, in the order help lists them.</summary>
    public static IReadOnlyList<TrainFlag> All { get; } =
    [
        new TrainFlag<Mnist.MLNet.Data.MnistDataset>(CommonOptions.DatasetOption, s => s.Training.Dataset, (s, v) => s.Training.Dataset = v, v => v.ToString().ToLowerInvariant()),
        new TrainFlag<string?>(CommonOptions.DataOption, s => s.Training.DataDirectory, (s, v) => s.Training.DataDirectory = v, FullPath),
        .. TableFlags.All,
        .. PictureFlags.All,
        Number("--epochs", "N", "Epochs to train", s => s.Trainer.MaxEpoch, (s, v) => s.Trainer.MaxEpoch = v, Positive, "positive",
            spellWhen: s => s.Trainer.MaxEpoch != MlpTrainerOptions.AutoMaxEpoch),
        Number("--batch-size", "N", "Images per batch", s => s.Trainer.BatchSize, (s, v) => s.Trainer.BatchSize = v, Positive, "positive",
            spellWhen: s => s.Trainer.BatchSize != MlpTrainerOptions.AutoBatchSize),
        Choice("--shuffle", "Reshuffle the training rows every epoch (false: the same order each epoch, as stored)", Switch,
            s => s.Trainer.Shuffle, (s, v) => s.Trainer.Shuffle = v),
        Number("--lr", "RATE", "Learning rate", s => s.Trainer.LearningRate, (s, v) => s.Trainer.LearningRate = v, Positive, "positive"),
        Number("--lr-start-ratio", "F", "Learning rate of the first batch as a fraction of --lr (one-cycle: where the warm-up starts)",
            s => s.Trainer.StartLearningRateRatio, (s, v) => s.Trainer.StartLearningRateRatio = v, Positive, "positive"),
        Number("--lr-final-ratio", "F", "Learning rate at the end as a fraction of --lr, reached as --schedule says (linear: in the last epoch; 1 keeps it constant)",
            s => s.Trainer.FinalLearningRateRatio, (s, v) => s.Trainer.FinalLearningRateRatio = v, Positive, "positive"),
        Choice("--schedule", "Learning-rate schedule between --lr-start-ratio and --lr-final-ratio times --lr: linear (per epoch), constant, cosine or one-cycle (per batch)",
            Schedules, s => s.Trainer.LearningRateSchedule, (s, v) => s.Trainer.LearningRateSchedule = v),
        Number("--warmup", "F", "one-cycle: fraction of all batches spent warming up to --lr",
            s => s.Trainer.WarmupFraction, (s, v) => s.Trainer.WarmupFraction = v, v => v > 0 && v < 1, "in (0, 1)"),
        // Null (widths chosen from the data) is spelled as no flag; the recipes all set the widths.
        new TrainFlag<int[]?>(new Option<int[]?>("--hidden")
        {
            Description = $"Hidden layer widths, comma-separated [default: {string.Join(",", Defaults.Trainer.HiddenLayers ?? [])}]",
            HelpName = "N,N",
            CustomParser = r => ParseWidths(r, "--hidden"),
        }, s => s.Trainer.HiddenLayers, (s, v) => s.Trainer.HiddenLayers = v, v => string.Join(",", v ?? [])),
        Layers,
        Choice("--quantiles", "Let the network read each feature's quantile among the training rows beside the feature, for " +
            $"skewed and zero-inflated features (at most {MlpTrainerOptions.MaxQuantileFeatures} features; see docs/defaults.md)", Switch,
            s => s.Trainer.QuantileFeatures, (s, v) => s.Trainer.QuantileFeatures = v),
        Choice("--optimizer", "Optimizer", Optimizers, s => s.Trainer.Optimizer, (s, v) => s.Trainer.Optimizer = v),
        Number("--momentum", "M", "Momentum of --optimizer sgd", s => s.Trainer.Momentum, (s, v) => s.Trainer.Momentum = v, v => v >= 0 && v < 1, "in [0, 1)"),
        Dropout,
        Number("--weight-decay", "X", "Weight decay (L2 penalty; decoupled with --optimizer adamw)", s => s.Trainer.WeightDecay, (s, v) => s.Trainer.WeightDecay = v, NotNegative, "zero or positive",
            spellWhen: s => s.Trainer.WeightDecay != MlpTrainerOptions.AutoWeightDecay),
        Number("--label-smoothing", "E", "Share of each target spread over all classes in the training loss",
            s => s.Trainer.LabelSmoothing, (s, v) => s.Trainer.LabelSmoothing = v, v => v >= 0 && v < 1, "in [0, 1)"),
        Number("--sam", "RHO", "Sharpness-aware minimisation: step with the gradient at weights moved RHO uphill (0.05 typical; twice the work per batch); 0 for plain steps",
            s => s.Trainer.SharpnessRadius, (s, v) => s.Trainer.SharpnessRadius = v, NotNegative, "zero or positive"),
        Distortion("--shift", "PX", "Augmentation: largest random shift of each training image, in pixels", a => a.ShiftPixels, (a, v) => a.ShiftPixels = v, NotNegative, "zero or positive"),
        Distortion("--rotate", "DEG", "Augmentation: largest random rotation, in degrees", a => a.RotationDegrees, (a, v) => a.RotationDegrees = v, v => v >= 0 && v <= 180, "in [0, 180]"),
        Distortion("--scale", "F", "Augmentation: largest relative change of size (0.1: between 0.9 and 1.1)", a => a.Scale, (a, v) => a.Scale = v, v => v >= 0 && v < 1, "in [0, 1)"),
        Distortion("--flip", "P", "Augmentation: probability of mirroring a training image left to right (clothing, not digits)",
            a => a.FlipProbability, (a, v) => a.FlipProbability = v, v => v >= 0 && v <= 1, "in [0, 1]"),
        Distortion("--elastic", "ALPHA", "Augmentation: strength of elastic distortion in pixels (alpha; 0 for none)", a => a.ElasticAlpha, (a, v) => a.ElasticAlpha = v, NotNegative, "zero or positive"),
        Distortion("--elastic-sigma", "SIGMA", "Augmentation: smoothness of the elastic distortion in pixels", a => a.ElasticSigma, (a, v) => a.ElasticSigma = v, Positive, "positive"),
        Distortion("--erase", "P", "Augmentation: probability of erasing a random rectangle of a training image (random erasing)",
            a => a.EraseProbability, (a, v) => a.EraseProbability = v, v => v >= 0 && v <= 1, "in [0, 1]"),
        Distortion("--erase-max-area", "F", "Augmentation: largest share of the image one erased rectangle covers",
            a => a.EraseMaxArea, (a, v) => a.EraseMaxArea = v, v => v >= AugmentationOptions.EraseMinArea && v <= 1, $"in [{Invariant(AugmentationOptions.EraseMinArea)}, 1]"),
        Number("--seed", "N", "Seed for weight initialisation, shuffling and the validation split (same seed, same model)",
            s => s.Trainer.Seed ?? 0, (s, v) => s.Trainer.Seed = v, _ => true, "an integer"),
        Choice("--precision", "Arithmetic of training: fp32, or bf16 (bfloat16 products and convolutions, fp32 master weights and loss; " +
            "on a CPU without native bfloat16 it says so and trains in fp32). The model is fp32 either way", Precisions,
            s => s.Trainer.Precision, (s, v) => s.Trainer.Precision = v),
        Number("--threads", "N", "libtorch threads; 0 picks a measured default", s => s.Trainer.NumberOfThreads, (s, v) => s.Trainer.NumberOfThreads = v, NotNegative, "zero or positive"),
        ValidationFraction,
        Patience,
        TrainFlag.ForPath("--out", "FILE", "Where to save the ML.NET model zip", TrainCommand.DefaultModelPath, s => s.Training.ModelPath, (s, v) => s.Training.ModelPath = v),
        TrainFlag.ForPath("--metrics", "FILE", "Also write the metrics JSON here (test metrics, confusion matrix, per-class F1, epochs)", "none",
            s => s.Training.MetricsPath, (s, v) => s.Training.MetricsPath = v),
        TrainFlag.ForPath("--plots", "DIR", "Also draw learning-curves.png, confusion-matrix.png and misclassified.png in this directory", "none", s => s.Plots, (s, v) => s.Plots = v),
        // Last before --resume: the resume line ends with where the checkpoint is.
        TrainFlag.ForPath("--checkpoint-dir", "DIR", "Write a checkpoint here after every epoch and on Ctrl+C", "<out>.checkpoint, removed after success",
            s => s.Trainer.CheckpointDirectory, (s, v) => s.Trainer.CheckpointDirectory = v),
    ];

    /// <summary>Checks that need two flags.</summary>
    public static void CheckCombination(System.CommandLine.Parsing.CommandResult r)
    {
        TableFlags.CheckCombination(r);
        PictureFlags.CheckCombination(r);
        if (r.GetValue(Patience.Typed) > 0 && r.GetValue(ValidationFraction.Typed) == 0)
            r.AddError("--patience needs --validation-fraction (early stopping watches the validation loss)");
        if (r.GetResult(Dropout.Option) is { Implicit: false } && r.GetResult(Layers.Option) is { Implicit: false })
            r.AddError("--dropout applies to the MLP of --hidden; with --layers declare dropout in the stack (e.g. conv32k3,pool2,drop0.25,dense128)");
    }

    private static TrainFlag<T> Number<T>(string name, string helpName, string description, Func<Settings, T> get, Action<Settings, T> set,
        Func<T, bool> valid, string rule, Func<Settings, bool>? spellWhen = null) where T : struct, INumber<T> =>
        new(new Option<T>(name)
        {
            Description = $"{description} [default: {Invariant(get(Defaults))}]",
            HelpName = helpName,
            CustomParser = r => ParseNumber(r, name, valid, rule),
        }, get, set, Invariant, spellWhen);

    // The distortions live in an AugmentationOptions that exists only while one of them distorts; the resume line
    // leaves them out when none does.
    private static TrainFlag<double> Distortion(string name, string helpName, string description, Func<AugmentationOptions, double> get,
        Action<AugmentationOptions, double> set, Func<double, bool> valid, string rule) =>
        Number(name, helpName, description, s => get(s.Trainer.Augmentation ?? new()), (s, v) => set(s.Trainer.Augmentation ??= new(), v),
            valid, rule, spellWhen: s => s.Trainer.Augmentation is not null);

    private static TrainFlag<T> Choice<T>(string name, string description, Dictionary<string, T> names, Func<Settings, T> get, Action<Settings, T> set)
        where T : struct =>
        new(new Option<T>(name)
        {
            // No DefaultValueFactory: help would print the enum's spelling, not the one typed.
            Description = $"{description} [default: {FlagValues.Name(names, get(Defaults))}]",
            HelpName = string.Join("|", names.Keys),
            CustomParser = r => ParseName(r, name, names),
        }, get, set, v => FlagValues.Name(names, v));
}
