using Mnist.MLNet.Training.Recipes;
using Mnist.MLNet.Workflow;
using Mnist.Trainer.Plots;

namespace Mnist.Trainer.Commands;

/// <summary><c>mnist train</c>: download if needed, train the MLP pipeline, evaluate it on the test split, save model,
/// metrics and plots. Ctrl+C stops at the next batch and leaves a checkpoint to resume from. The flags are in
/// <see cref="TrainFlags"/>.</summary>
public static partial class TrainCommand
{
    /// <summary>The model file written when <c>--out</c> is not given.</summary>
    public const string DefaultModelPath = "mnist-model.zip";

    /// <summary>Everything <c>mnist train</c> was asked to do: the library workflow's options, and plots.</summary>
    public sealed class Settings
    {
        /// <summary>Dataset, data directory, validation hold-out, trainer options, model and metrics paths.</summary>
        public MnistTraining.Options Training { get; } = new() { ModelPath = DefaultModelPath };

        /// <summary>The trainer's options within <see cref="Training"/>.</summary>
        public MlpTrainer.Options Trainer => Training.Trainer;

        /// <summary>Where to draw the plots; null draws none.</summary>
        public string? Plots { get; set; }

        /// <summary>The CSV file to train on instead of MNIST; null for MNIST.</summary>
        public string? Csv { get; set; }

        /// <summary>With <see cref="Csv"/>: the column to predict.</summary>
        public string? Label { get; set; }

        /// <summary>With <see cref="Csv"/>: the task; null infers it.</summary>
        public Mnist.MLNet.Scoring.MlpTask? Task { get; set; }

        /// <summary>With <see cref="Csv"/>: columns to leave out.</summary>
        public string[] Ignore { get; set; } = [];

        /// <summary>With <see cref="Csv"/>: the fraction of rows held out for the test metrics.</summary>
        public double TestFraction { get; set; } = Mnist.MLNet.Tabular.TabularTraining.Defaults.TestFraction;

        /// <summary>The folder of pictures (one subfolder per class) to train on instead of MNIST; null for MNIST.</summary>
        public string? Images { get; set; }

        /// <summary>With <see cref="Images"/>: the side of the square every picture is resized to.</summary>
        public int ImageSize { get; set; } = Mnist.MLNet.Pictures.ImageFolderTraining.Defaults.Size;

        /// <summary>With <see cref="Images"/>: read colour instead of grey.</summary>
        public bool Color { get; set; }
    }

    /// <param name="observer">Also receives every training progress report (tests use it to cancel at a chosen point).</param>
    public static Command Create(IAnsiConsole console, IProgress<TrainingProgress>? observer = null)
    {
        var command = new Command("train", "Train the MLP, evaluate it on the test split and save the model (downloads the data if missing)")
        {
            TrainFlags.Recipe,
        };
        foreach (var flag in TrainFlags.All) command.Options.Add(flag.Option);
        command.Options.Add(TrainFlags.Resume);
        command.Validators.Add(TrainFlags.CheckCombination);
        command.SetAction((result, ct) => TrainAsync(Resolve(result), console, ct, observer));
        return command;
    }

    /// <summary>The settings a parsed <c>mnist train</c> line asks for: the recipe's values, replaced by each flag
    /// the line spells out, and the defaults that depend on other values filled in.</summary>
    public static Settings Resolve(ParseResult result)
    {
        var settings = new Settings();
        // MNIST keeps the tutorial; a user's own table or pictures get what new MlpTrainer.Options() decides from the data.
        var recipe = result.GetValue(TrainFlags.Recipe);
        bool ownData = result.GetValue(TableFlags.Csv.Typed) is not null || result.GetValue(PictureFlags.Images.Typed) is not null;
        settings.Training.Trainer = recipe is null && ownData ? new MlpTrainer.Options()
            : MlpRecipes.Create(recipe ?? MlpRecipe.Tutorial, result.GetValue(CommonOptions.DatasetOption));
        foreach (var flag in TrainFlags.All) flag.Apply(result, settings);
        var (training, trainer) = (settings.Training, settings.Trainer);
        trainer.ResumeFromCheckpoint = result.GetValue(TrainFlags.Resume);
        trainer.Seed ??= 0;
        // A recipe's dropout is for its MLP; a layer stack declares its own.
        if (trainer.Layers is not null && result.GetResult(TrainFlags.Dropout.Typed) is not { Implicit: false }) trainer.Dropout = 0;
        if (trainer.Augmentation is { IsIdentity: true }) trainer.Augmentation = null;
        training.DataDirectory ??= MnistResources.DefaultDirectory(training.Dataset);
        // A checkpoint the user did not ask for is only there to survive Ctrl+C; the finished model replaces it.
        training.RemoveCheckpointWhenDone = trainer.CheckpointDirectory is null;
        trainer.CheckpointDirectory ??= DefaultCheckpointDirectory(training.ModelPath!);
        return settings;
    }

    /// <summary>Where checkpoints go when <c>--checkpoint-dir</c> is not given: beside the model.</summary>
    public static string DefaultCheckpointDirectory(string modelPath) => Path.GetFullPath(modelPath) + ".checkpoint";

    public static async Task<int> TrainAsync(Settings settings, IAnsiConsole console, CancellationToken ct,
        IProgress<TrainingProgress>? observer = null)
    {
        if (settings.Csv is not null) return await TrainTableAsync(settings, console, ct, observer);
        if (settings.Images is not null) return await TrainPicturesAsync(settings, console, ct, observer);
        var training = settings.Training;
        return await RunWithDisplayAsync(settings, console, ct, observer, stage => stage switch
        {
            MnistTrainingStage.Downloading => $"Downloading {training.Dataset} into {Path.GetFullPath(training.DataDirectory!)}...",
            MnistTrainingStage.Evaluating => "Evaluating on the test split...",
            _ => null,
        }, async (display, stages) =>
        {
            var result = await display.RunAsync(() => MnistTraining.RunAsync(training, display, stages, ct));
            var plots = settings.Plots is { } plotDirectory ? PlotSet.WriteAll(result.Report, plotDirectory) : [];

            if (console.Profile.Capabilities.Interactive) console.Write(ReportView.EpochTable(result.History));
            ReportView.WriteTestSummary(console, result.Report);
            console.WriteLine($"Model saved to {Path.GetFullPath(training.ModelPath!)}");
            if (training.MetricsPath is { } metrics) console.WriteLine($"Metrics written to {Path.GetFullPath(metrics)}");
            foreach (var plot in plots) console.WriteLine($"Plot written to {plot}");
            return ExitCodes.Ok;
        });
    }

    /// <summary>Runs a training workflow with the progress display, printing the line <paramref name="announce"/>
    /// gives for each stage (none for null), and turns Ctrl+C into the command line that resumes from the checkpoint.</summary>
    private static Task<int> RunWithDisplayAsync(Settings settings, IAnsiConsole console, CancellationToken ct,
        IProgress<TrainingProgress>? observer, Func<MnistTrainingStage, string?> announce,
        Func<TrainingDisplay, IProgress<MnistTrainingStage>, Task<int>> run)
    {
        return CommandFailures.RunAsync(console, ct, async () =>
        {
            try
            {
                var display = new TrainingDisplay(console, observer);
                var stages = new SynchronousProgress<MnistTrainingStage>(stage =>
                {
                    if (announce(stage) is { } line) console.WriteLine(line);
                });
                return await run(display, stages);
            }
            catch (TrainingCanceledException e)
            {
                var writer = console.Profile.Out.Writer;   // unwrapped: the resume line must stay copy-pasteable
                writer.WriteLine($"Interrupted in epoch {e.Epoch} after batch {e.Batch}; checkpoint written to {e.CheckpointPath}");
                writer.WriteLine("Resume with:");
                writer.WriteLine($"  {ResumeCommandLine(settings)}");
                return ExitCodes.Cancelled;
            }
        });
    }

    /// <summary>The command line that continues this run from its checkpoint: every setting spelled out, started the
    /// way this process was (<paramref name="invocation"/>, by default <see cref="Invocation.Current"/>).</summary>
    public static string ResumeCommandLine(Settings settings, Invocation? invocation = null) =>
        string.Join(" ", (invocation ?? Invocation.Current).Prefix
            .Concat(["train", .. TrainFlags.All.SelectMany(f => f.Spell(settings)), TrainFlags.Resume.Name])
            .Select(FlagValues.Quote));
}
