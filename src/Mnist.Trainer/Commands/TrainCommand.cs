using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using Microsoft.ML;
using Mnist.MLNet;
using Mnist.MLNet.Data;
using Mnist.MLNet.Evaluation;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Training;
using Mnist.MLNet.Training.Augmentation;
using Mnist.MLNet.Training.Recipes;
using Mnist.MLNet.Training.Schedules;
using Mnist.MLNet.Workflow;
using Mnist.Trainer.Plots;
using Spectre.Console;

namespace Mnist.Trainer.Commands;

/// <summary><c>mnist train</c>: download if needed, train the MLP pipeline, evaluate on the test split, save model,
/// metrics and plots. Ctrl+C stops at the next batch and leaves a checkpoint to resume from.</summary>
public static class TrainCommand
{
    /// <summary>The model file written when <c>--out</c> is not given.</summary>
    public const string DefaultModelPath = "mnist-model.zip";

    private static readonly Option<int> EpochsOption = new("--epochs")
    {
        Description = "Epochs to train",
        DefaultValueFactory = _ => MlpTrainer.Defaults.MaxEpoch,
        HelpName = "N",
        Validators = { Positive<int>("--epochs") },
    };

    private static readonly Option<int> BatchSizeOption = new("--batch-size")
    {
        Description = "Images per batch",
        DefaultValueFactory = _ => MlpTrainer.Defaults.BatchSize,
        HelpName = "N",
        Validators = { Positive<int>("--batch-size") },
    };

    private static readonly Option<double> LearningRateOption = new("--lr")
    {
        Description = "Learning rate",
        DefaultValueFactory = _ => MlpTrainer.Defaults.LearningRate,
        HelpName = "RATE",
        Validators = { Positive<double>("--lr") },
    };

    private static readonly Option<double> FinalLearningRateRatioOption = new("--lr-final-ratio")
    {
        Description = "Learning rate at the end as a fraction of --lr, reached as --schedule says (linear: in the last epoch; 1 keeps it constant)",
        DefaultValueFactory = _ => MlpTrainer.Defaults.LearningRateRatio,
        HelpName = "F",
        Validators = { Positive<double>("--lr-final-ratio") },
    };

    // No DefaultValueFactory: help would print an array default as "512|256"; the description shows it instead.
    private static readonly Option<int[]?> HiddenOption = new("--hidden")
    {
        Description = $"Hidden layer widths, comma-separated [default: {string.Join(",", MlpTrainer.Defaults.HiddenLayers)}]",
        HelpName = "N,N",
        CustomParser = ParseHidden,
    };

    private static readonly Option<OptimizerKind?> OptimizerOption = new("--optimizer")
    {
        Description = $"Optimizer: adam, adamw or sgd [default: {MlpTrainer.Defaults.Optimizer.ToString().ToLowerInvariant()}]",
        HelpName = "adam|adamw|sgd",
        CustomParser = ParseOptimizer,
    };

    private static readonly Option<int> SeedOption = new("--seed")
    {
        Description = "Seed for weight initialisation, shuffling and the validation split (same seed, same model)",
        DefaultValueFactory = _ => 0,
        HelpName = "N",
    };

    private static readonly Option<int> ThreadsOption = new("--threads")
    {
        Description = "libtorch threads; 0 picks a measured default",
        DefaultValueFactory = _ => 0,
        HelpName = "N",
        Validators = { NotNegative("--threads") },
    };

    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "Where to save the ML.NET model zip",
        DefaultValueFactory = _ => DefaultModelPath,
        HelpName = "FILE",
    };

    private static readonly Option<string?> MetricsOption = new("--metrics")
    {
        Description = "Also write the metrics JSON here (test metrics, confusion matrix, per-class F1, epochs) [default: none]",
        HelpName = "FILE",
    };

    private static readonly Option<double> ValidationFractionOption = new("--validation-fraction")
    {
        Description = "Hold out this fraction of the training split (chosen by --seed) to validate after each epoch; 0 for none",
        DefaultValueFactory = _ => 0,
        HelpName = "F",
        Validators =
        {
            r =>
            {
                var value = r.GetValueOrDefault<double>();
                if (!(value >= 0 && value < 1)) r.AddError($"--validation-fraction must be in [0, 1) (got {Invariant(value)})");
            },
        },
    };

    private static readonly Option<int> PatienceOption = new("--patience")
    {
        Description = "Stop after N epochs without a lower validation loss and keep the best epoch (needs --validation-fraction); 0 trains every epoch",
        DefaultValueFactory = _ => 0,
        HelpName = "N",
        Validators = { NotNegative("--patience") },
    };

    private static readonly Option<string?> CheckpointDirectoryOption = new("--checkpoint-dir")
    {
        Description = "Write a checkpoint here after every epoch and on Ctrl+C [default: <out>.checkpoint, removed after success]",
        HelpName = "DIR",
    };

    private static readonly Option<bool> ResumeOption = new("--resume")
    {
        Description = "Continue from the checkpoint in --checkpoint-dir (same options and data)",
    };

    private static readonly Option<string?> PlotsOption = new("--plots")
    {
        Description = "Also draw learning-curves.png, confusion-matrix.png and misclassified.png in this directory [default: none]",
        HelpName = "DIR",
    };

    /// <summary>Everything <c>mnist train</c> was asked to do.</summary>
    public sealed record Settings
    {
        public MnistDataset Dataset { get; init; } = MnistDataset.Mnist;
        /// <summary>Null for the dataset's default directory.</summary>
        public string? DataDirectory { get; init; }
        public int Epochs { get; init; } = MlpTrainer.Defaults.MaxEpoch;
        public int BatchSize { get; init; } = MlpTrainer.Defaults.BatchSize;
        public double LearningRate { get; init; } = MlpTrainer.Defaults.LearningRate;
        public double FinalLearningRateRatio { get; init; } = MlpTrainer.Defaults.LearningRateRatio;
        public IReadOnlyList<int> Hidden { get; init; } = MlpTrainer.Defaults.HiddenLayers;
        public OptimizerKind Optimizer { get; init; } = MlpTrainer.Defaults.Optimizer;
        public int Seed { get; init; }
        public int Threads { get; init; }
        public string Out { get; init; } = DefaultModelPath;
        public string? Metrics { get; init; }
        public double ValidationFraction { get; init; }
        public int Patience { get; init; }
        /// <summary>Null for <see cref="DefaultCheckpointDirectory"/> next to the model.</summary>
        public string? CheckpointDirectory { get; init; }
        public bool Resume { get; init; }
        public string? Plots { get; init; }
        public LearningRateScheduleKind Schedule { get; init; } = MlpTrainer.Defaults.LearningRateSchedule;
        public double StartLearningRateRatio { get; init; } = MlpTrainer.Defaults.LearningRateRatio;
        public double Warmup { get; init; } = MlpTrainer.Defaults.WarmupFraction;
        public double Dropout { get; init; }
        public double WeightDecay { get; init; }
        public double LabelSmoothing { get; init; }
        /// <summary>Null trains on the images as they are.</summary>
        public AugmentationOptions? Augmentation { get; init; }
    }

    /// <param name="observer">Also receives every training progress report (tests use it to cancel at a chosen point).</param>
    public static Command Create(IAnsiConsole console, IProgress<TrainingProgress>? observer = null)
    {
        var command = new Command("train", "Train the MLP, evaluate it on the test split and save the model (downloads the data if missing)")
        {
            CommonOptions.DatasetOption, CommonOptions.DataOption, EpochsOption, BatchSizeOption, LearningRateOption,
            FinalLearningRateRatioOption, HiddenOption, OptimizerOption, SeedOption, ThreadsOption, OutOption, MetricsOption, ValidationFractionOption,
            PatienceOption, CheckpointDirectoryOption, ResumeOption, PlotsOption,
        };
        foreach (var option in TrainRecipeOptions.All) command.Options.Add(option);
        command.Validators.Add(r =>
        {
            if (r.GetValue(PatienceOption) > 0 && r.GetValue(ValidationFractionOption) == 0)
                r.AddError("--patience needs --validation-fraction (early stopping watches the validation loss)");
        });
        command.SetAction((result, ct) => TrainAsync(Resolve(result), console, ct, observer));
        return command;
    }

    /// <summary>The settings a parsed <c>mnist train</c> line asks for: the recipe's values, replaced by each flag
    /// the line spells out.</summary>
    public static Settings Resolve(ParseResult result)
    {
        var recipe = MlpRecipes.Create(result.GetValue(TrainRecipeOptions.RecipeOption) ?? MlpRecipe.Tutorial,
            result.GetValue(CommonOptions.DatasetOption));
        var augmentation = recipe.Augmentation ?? new AugmentationOptions();
        var picked = new AugmentationOptions
        {
            ShiftPixels = TrainRecipeOptions.Pick(result, TrainRecipeOptions.ShiftOption, augmentation.ShiftPixels),
            RotationDegrees = TrainRecipeOptions.Pick(result, TrainRecipeOptions.RotateOption, augmentation.RotationDegrees),
            Scale = TrainRecipeOptions.Pick(result, TrainRecipeOptions.ScaleOption, augmentation.Scale),
            FlipProbability = TrainRecipeOptions.Pick(result, TrainRecipeOptions.FlipOption, augmentation.FlipProbability),
            ElasticAlpha = TrainRecipeOptions.Pick(result, TrainRecipeOptions.ElasticOption, augmentation.ElasticAlpha),
            ElasticSigma = TrainRecipeOptions.Pick(result, TrainRecipeOptions.ElasticSigmaOption, augmentation.ElasticSigma),
        };
        return new Settings
        {
            Dataset = result.GetValue(CommonOptions.DatasetOption),
            DataDirectory = result.GetValue(CommonOptions.DataOption),
            Epochs = TrainRecipeOptions.Pick(result, EpochsOption, recipe.MaxEpoch),
            BatchSize = TrainRecipeOptions.Pick(result, BatchSizeOption, recipe.BatchSize),
            LearningRate = TrainRecipeOptions.Pick(result, LearningRateOption, recipe.LearningRate),
            FinalLearningRateRatio = TrainRecipeOptions.Pick(result, FinalLearningRateRatioOption, recipe.FinalLearningRateRatio),
            Hidden = result.GetValue(HiddenOption) is { Length: > 0 } hidden ? hidden : recipe.HiddenLayers,   // unset reads as []
            Optimizer = result.GetValue(OptimizerOption) ?? recipe.Optimizer,
            Seed = result.GetValue(SeedOption),
            Threads = result.GetValue(ThreadsOption),
            Out = result.GetValue(OutOption)!,
            Metrics = result.GetValue(MetricsOption),
            ValidationFraction = result.GetValue(ValidationFractionOption),
            Patience = result.GetValue(PatienceOption),
            CheckpointDirectory = result.GetValue(CheckpointDirectoryOption),
            Resume = result.GetValue(ResumeOption),
            Plots = result.GetValue(PlotsOption),
            Schedule = result.GetValue(TrainRecipeOptions.ScheduleOption) ?? recipe.LearningRateSchedule,
            StartLearningRateRatio = TrainRecipeOptions.Pick(result, TrainRecipeOptions.StartRatioOption, recipe.StartLearningRateRatio),
            Warmup = TrainRecipeOptions.Pick(result, TrainRecipeOptions.WarmupOption, recipe.WarmupFraction),
            Dropout = TrainRecipeOptions.Pick(result, TrainRecipeOptions.DropoutOption, recipe.Dropout),
            WeightDecay = TrainRecipeOptions.Pick(result, TrainRecipeOptions.WeightDecayOption, recipe.WeightDecay),
            LabelSmoothing = TrainRecipeOptions.Pick(result, TrainRecipeOptions.LabelSmoothingOption, recipe.LabelSmoothing),
            Augmentation = picked.IsIdentity ? null : picked,
        };
    }

    /// <summary>Where checkpoints go when <c>--checkpoint-dir</c> is not given: beside the model.</summary>
    public static string DefaultCheckpointDirectory(string modelPath) => Path.GetFullPath(modelPath) + ".checkpoint";

    public static async Task<int> TrainAsync(Settings settings, IAnsiConsole console, CancellationToken ct,
        IProgress<TrainingProgress>? observer = null)
    {
        var dataDirectory = settings.DataDirectory ?? MnistResources.DefaultDirectory(settings.Dataset);
        var checkpointDirectory = settings.CheckpointDirectory ?? DefaultCheckpointDirectory(settings.Out);
        try
        {
            var display = new TrainingDisplay(console, observer);
            var stages = new SynchronousProgress<MnistTrainingStage>(stage =>
            {
                if (stage == MnistTrainingStage.Downloading) console.WriteLine($"Downloading {settings.Dataset} into {Path.GetFullPath(dataDirectory)}...");
                if (stage == MnistTrainingStage.Evaluating) console.WriteLine("Evaluating on the test split...");
            });
            var result = await display.RunAsync(() => MnistTraining.RunAsync(new MnistTraining.Options
            {
                Dataset = settings.Dataset,
                DataDirectory = dataDirectory,
                ValidationFraction = settings.ValidationFraction,
                ModelPath = settings.Out,
                MetricsPath = settings.Metrics,
                RemoveCheckpointWhenDone = settings.CheckpointDirectory is null,
                Trainer = new MlpTrainer.Options
                {
                    MaxEpoch = settings.Epochs,
                    BatchSize = settings.BatchSize,
                    LearningRate = settings.LearningRate,
                    FinalLearningRateRatio = settings.FinalLearningRateRatio,
                    StartLearningRateRatio = settings.StartLearningRateRatio,
                    LearningRateSchedule = settings.Schedule,
                    WarmupFraction = settings.Warmup,
                    Dropout = settings.Dropout,
                    WeightDecay = settings.WeightDecay,
                    LabelSmoothing = settings.LabelSmoothing,
                    Augmentation = settings.Augmentation,
                    HiddenLayers = [.. settings.Hidden],
                    Optimizer = settings.Optimizer,
                    Seed = settings.Seed,
                    NumberOfThreads = settings.Threads,
                    EarlyStoppingPatience = settings.Patience,
                    CheckpointDirectory = checkpointDirectory,
                    ResumeFromCheckpoint = settings.Resume,
                },
            }, display, stages, ct));
            var (report, history) = (result.Report, result.History);
            var plots = settings.Plots is { } plotDirectory ? PlotSet.WriteAll(report, plotDirectory) : [];

            if (console.Profile.Capabilities.Interactive) console.Write(ReportView.EpochTable(history));
            ReportView.WriteTestSummary(console, report);
            console.WriteLine($"Model saved to {Path.GetFullPath(settings.Out)}");
            if (settings.Metrics is { } m) console.WriteLine($"Metrics written to {Path.GetFullPath(m)}");
            foreach (var plot in plots) console.WriteLine($"Plot written to {plot}");
            return ExitCodes.Ok;
        }
        catch (TrainingCanceledException e)
        {
            var writer = console.Profile.Out.Writer;   // unwrapped: the resume line must stay copy-pasteable
            writer.WriteLine($"Interrupted in epoch {e.Epoch} after batch {e.Batch}; checkpoint written to {e.CheckpointPath}");
            writer.WriteLine("Resume with:");
            writer.WriteLine($"  {ResumeCommandLine(settings, checkpointDirectory, dataDirectory)}");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (CommandFailures.Expected(e, ct))
        {
            return CommandFailures.Report(console, e);
        }
    }

    /// <summary>The command line that continues this run from its checkpoint: every option spelled out, started the
    /// way this process was (<paramref name="invocation"/>, by default <see cref="Invocation.Current"/>).</summary>
    public static string ResumeCommandLine(Settings s, string checkpointDirectory, string dataDirectory, Invocation? invocation = null)
    {
        var args = new List<string>((invocation ?? Invocation.Current).Prefix)
        {
            "train", "--dataset", s.Dataset.ToString().ToLowerInvariant(), "--data", Path.GetFullPath(dataDirectory),
            "--epochs", Invariant(s.Epochs), "--batch-size", Invariant(s.BatchSize), "--lr", Invariant(s.LearningRate),
            "--lr-final-ratio", Invariant(s.FinalLearningRateRatio), "--lr-start-ratio", Invariant(s.StartLearningRateRatio),
            "--schedule", TrainRecipeOptions.Name(s.Schedule), "--warmup", Invariant(s.Warmup), "--dropout", Invariant(s.Dropout),
            "--weight-decay", Invariant(s.WeightDecay), "--label-smoothing", Invariant(s.LabelSmoothing),
            "--hidden", string.Join(",", s.Hidden), "--optimizer", s.Optimizer.ToString().ToLowerInvariant(),
            "--seed", Invariant(s.Seed), "--threads", Invariant(s.Threads), "--out", Path.GetFullPath(s.Out),
        };
        if (s.Augmentation is { } a)
            args.AddRange(["--shift", Invariant(a.ShiftPixels), "--rotate", Invariant(a.RotationDegrees), "--scale", Invariant(a.Scale), "--flip", Invariant(a.FlipProbability),
                "--elastic", Invariant(a.ElasticAlpha), "--elastic-sigma", Invariant(a.ElasticSigma)]);
        if (s.Metrics is { } metrics) args.AddRange(["--metrics", Path.GetFullPath(metrics)]);
        if (s.ValidationFraction > 0) args.AddRange(["--validation-fraction", Invariant(s.ValidationFraction)]);
        if (s.Patience > 0) args.AddRange(["--patience", Invariant(s.Patience)]);
        args.AddRange(["--checkpoint-dir", Path.GetFullPath(checkpointDirectory)]);
        if (s.Plots is { } plots) args.AddRange(["--plots", Path.GetFullPath(plots)]);
        args.Add("--resume");
        return string.Join(" ", args.Select(Quote));
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./,:=+@%".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''") + "'";

    private static string Invariant<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static Action<OptionResult> Positive<T>(string name) where T : struct, INumber<T> => r =>
    {
        var value = r.GetValueOrDefault<T>();
        if (value <= T.Zero) r.AddError($"{name} must be positive (got {value.ToString(null, CultureInfo.InvariantCulture)})");
    };

    private static Action<OptionResult> NotNegative(string name) => r =>
    {
        var value = r.GetValueOrDefault<int>();
        if (value < 0) r.AddError($"{name} must be zero or positive (got {value})");
    };

    private static int[]? ParseHidden(ArgumentResult result)
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        var widths = new List<int>();
        foreach (var part in token.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var width) || width <= 0)
            {
                result.AddError($"--hidden '{token}' is not a list of positive widths (expected e.g. 512,256; '{part}' is not a positive integer)");
                return null;
            }
            widths.Add(width);
        }
        return [.. widths];
    }

    // Only the three names; Enum parsing would also take "0" or "Adam, Sgd".
    private static OptimizerKind? ParseOptimizer(ArgumentResult result)
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        switch (token.ToLowerInvariant())
        {
            case "adam": return OptimizerKind.Adam;
            case "adamw": return OptimizerKind.AdamW;
            case "sgd": return OptimizerKind.Sgd;
            default:
                result.AddError($"--optimizer '{token}' is not an optimizer (expected adam, adamw or sgd)");
                return null;
        }
    }
}
