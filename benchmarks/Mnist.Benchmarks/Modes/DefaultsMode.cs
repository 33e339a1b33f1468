using System.Globalization;
using Mnist.MLNet.Training.Schedules;

namespace Mnist.Benchmarks.Modes;

/// <summary>What a new user gets: each trainer's catalog defaults (<c>Trainers.Mlp()</c>, LightGBM, SDCA, FastTree, and
/// scikit-learn's <c>MLPClassifier()</c> / <c>MLPRegressor(max_iter=1000)</c> in a child process) by k-fold
/// cross-validation behind <c>NormalizeMeanVariance</c>, on the shipped sets and on generated ones; then one training
/// of a million generated rows.</summary>
public sealed class DefaultsMode : IBenchmarkMode
{
    public string Name => "defaults";

    public string Summary => "Catalog defaults of the MLP vs LightGBM, SDCA, FastTree and scikit-learn's MLP, by cross-validation";

    private readonly Option<string> _python = new("--python")
    {
        Description = "Python with scikit-learn (Debian's python3-sklearn); 'none' leaves scikit-learn out", HelpName = "PATH",
        DefaultValueFactory = _ => SklearnBaseline.DefaultPython,
    };
    private readonly Option<int> _largeRows = OptionParsers.IntAtLeast("--large-rows", 0,
        "Rows of the 28-feature set trained once for time per epoch and peak memory; 0 skips it", 1_000_000);
    private readonly Option<CommaList<string>> _sets = OptionParsers.Words("--sets", "Sets to cross-validate",
        ["wine", "breast-cancer-2", "breast-cancer", "diabetes", "imbalanced", "target-1e6", "wide", "iris", "digits"]);
    private readonly Option<CommaList<string>> _csv = OptionParsers.Words("--csv",
        "Your own CSVs to cross-validate too, as PATH=TASK (multiclass, binary or regression): one header line, numeric features first, the label last", []);
    // Variations of the MLP to measure candidate defaults; without them the MLP is exactly the catalog's Mlp().
    private readonly Option<CommaList<int>?> _hidden = new("--hidden")
    {
        Description = "MLP hidden widths instead of the default", HelpName = "W,W", CustomParser = r => OptionParsers.IntList(r, "--hidden"),
    };
    private readonly Option<int?> _epochs = new("--epochs") { Description = "MLP MaxEpoch instead of the default", HelpName = "N" };
    private readonly Option<int?> _batch = new("--batch") { Description = "MLP batch size instead of the default", HelpName = "N" };
    private readonly Option<double?> _learningRate = new("--lr") { Description = "MLP learning rate instead of the default", HelpName = "RATE" };
    private readonly Option<double?> _weightDecay = new("--weight-decay") { Description = "MLP L2 weight decay instead of the default", HelpName = "RATE" };
    private readonly Option<string?> _classWeights = new("--class-weights")
    {
        Description = "Multiclass MLP class weights instead of the default: none, balanced or sqrt", HelpName = "RULE",
    };

    private readonly Option<bool?> _quantiles = new("--quantiles")
    {
        Description = "Whether the MLP reads the features' quantiles too (QuantileFeatures; default false)", HelpName = "true|false",
    };

    private readonly Option<double?> _dropout = new("--dropout") { Description = "MLP dropout after each hidden layer instead of none", HelpName = "P" };
    private readonly Option<LearningRateScheduleKind?> _schedule = new("--schedule")
    {
        Description = "MLP learning-rate schedule instead of the constant rate, down to --final-lr-ratio", HelpName = "KIND",
    };
    private readonly Option<double?> _finalRatio = new("--final-lr-ratio") { Description = "MLP last learning rate as a fraction of the first", HelpName = "RATIO" };
    private readonly Option<double?> _sam = new("--sam") { Description = "MLP sharpness-aware minimisation radius instead of none", HelpName = "RHO" };
    private readonly Option<bool> _mlpOnly = new("--mlp-only") { Description = "Cross-validate the MLP only (the other columns empty), to compare MLP variations faster" };

    public IEnumerable<Option> Options => [SharedOptions.Folds, SharedOptions.Seed, _sets, _csv, _python, _largeRows, SharedOptions.TabularData, _hidden, _epochs, _batch, _learningRate, _weightDecay, _classWeights, _quantiles,
        _dropout, _schedule, _finalRatio, _sam, _mlpOnly];

    public int Run(ParseResult args, TextWriter output)
    {
        int folds = args.GetValue(SharedOptions.Folds), seed = args.GetValue(SharedOptions.Seed);
        string python = args.GetValue(_python)!;
        var sets = Sets(args.GetValue(SharedOptions.TabularData)!, seed, args.GetValue(_sets)!.Values)
            .Concat(args.GetValue(_csv)!.Values.Select(TabularSet.FromFile)).ToList();
        var table = new Table("data set", "rows", "metric", "MLP", "LightGBM", "SDCA", "FastTree", "sklearn MLP", "MLP s", "LightGBM s");
        foreach (var (set, directory) in sets)
        {
            var ml = new MLContext(seed);
            var data = set.Load(ml, directory);
            var trainers = TabularTrainers.Defaults(set.Task, MlpVariation(args));
            // F1 for every binary set, as scikit-learn's column reports it.
            var results = trainers.Take(args.GetValue(_mlpOnly) ? 1 : trainers.Count)
                .Select(t => Measure(() => TabularCrossValidation.Run(ml, data, set.Task, t.Trainer, folds, seed, binaryF1: true))).ToList();
            while (results.Count < trainers.Count) results.Add(((double.NaN, double.NaN), double.NaN));
            var (sklearn, error) = python == "none" ? (null, null) : SklearnBaseline.Run(python, Path.Combine(directory, set.File), set.Task, folds, seed);
            if (error is not null) output.WriteLine($"scikit-learn on {set.Name}: {error}");
            long rows = data.GetRowCount() ?? data.GetColumn<float>("Label").LongCount();
            table.Add(set.Name, rows, TabularCrossValidation.PrimaryMetric(set.Task),
                results[0].Score.Primary, results[1].Score.Primary, results[2].Score.Primary, results[3].Score.Primary,
                sklearn?.Primary ?? double.NaN, Seconds(results[0].Seconds), Seconds(results[1].Seconds));
            table.Add("", "", TabularCrossValidation.SecondaryMetric(set.Task, binaryF1: true),
                results[0].Score.Secondary, results[1].Score.Secondary, results[2].Score.Secondary, results[3].Score.Secondary,
                sklearn?.Secondary ?? double.NaN, "", "");
        }
        output.WriteLine($"{folds}-fold cross-validation, seed {seed}, NormalizeMeanVariance then each trainer's defaults" +
            $" (MLP: {Describe(args)}); mean over folds; scikit-learn uses its own KFold folds.");
        table.Write(output);

        int largeRows = args.GetValue(_largeRows);
        if (largeRows > 0) LargeSet.Train(largeRows, seed, MlpVariation(args), output);
        return ExitCodes.Success;
    }

    // The shipped sets (breast cancer twice: as two classes for the multiclass trainers and as the binary task), then
    // the generated ones, written to a temporary directory for scikit-learn to read too.
    private static List<(TabularSet Set, string Directory)> Sets(string shipped, int seed, IReadOnlyList<string> names)
    {
        string generated = Path.Combine(Path.GetTempPath(), "mnist-bench-defaults");
        var all = new List<(string Key, Func<(TabularSet, string)> Make)>
        {
            ("wine", () => (TabularSet.All[0], shipped)),
            ("breast-cancer-2", () => (TabularSet.All[1] with { Name = "breast cancer (2 classes)", Task = TabularTask.Multiclass }, shipped)),
            ("breast-cancer", () => (TabularSet.All[1], shipped)),
            ("diabetes", () => (TabularSet.All[2], shipped)),
            ("imbalanced", () => (GeneratedSets.Imbalanced(generated, seed), generated)),
            ("target-1e6", () => (GeneratedSets.LargeScaleTarget(generated, seed), generated)),
            ("wide", () => (GeneratedSets.Wide(generated, seed), generated)),
            ("iris", () => (TabularSet.Unseen[0], shipped)),
            ("digits", () => (TabularSet.Unseen[1], shipped)),
        };
        return all.Where(s => names.Contains(s.Key)).Select(s => s.Make()).ToList();
    }

    /// <summary>The MLP options the variation flags give, or null for the catalog's plain <c>Mlp()</c>.</summary>
    private MlpTrainer.Options? MlpVariation(ParseResult args)
    {
        if (args.GetValue(_hidden) is null && args.GetValue(_epochs) is null && args.GetValue(_batch) is null && args.GetValue(_learningRate) is null
            && args.GetValue(_weightDecay) is null && args.GetValue(_classWeights) is null && args.GetValue(_quantiles) is null
            && args.GetValue(_dropout) is null && args.GetValue(_schedule) is null && args.GetValue(_finalRatio) is null && args.GetValue(_sam) is null)
            return null;
        var options = new MlpTrainer.Options();
        if (args.GetValue(_hidden) is { } hidden) options.HiddenLayers = hidden.Values;
        if (args.GetValue(_epochs) is int epochs) options.MaxEpoch = epochs;
        if (args.GetValue(_batch) is int batch) options.BatchSize = batch;
        if (args.GetValue(_learningRate) is double rate) options.LearningRate = rate;
        if (args.GetValue(_weightDecay) is double decay) options.WeightDecay = decay;
        options.QuantileFeatures = args.GetValue(_quantiles) ?? false;
        if (args.GetValue(_dropout) is double dropout) options.Dropout = dropout;
        if (args.GetValue(_schedule) is { } schedule) options.LearningRateSchedule = schedule;
        if (args.GetValue(_finalRatio) is double ratio) options.FinalLearningRateRatio = ratio;
        if (args.GetValue(_sam) is double rho) options.SharpnessRadius = rho;
        if (args.GetValue(_classWeights) is { } rule)
            options.ClassWeights = rule switch
            {
                "none" => ClassWeights.None,
                "balanced" => ClassWeights.Balanced,
                "sqrt" => ClassWeights.SquareRootBalanced,
                _ => throw new ArgumentException($"--class-weights {rule}: expected none, balanced or sqrt"),
            };
        return options;
    }

    private string Describe(ParseResult args) => MlpVariation(args) is { } o
        ? $"hidden [{string.Join(",", o.HiddenLayers ?? [])}], MaxEpoch {o.MaxEpoch}, batch {o.BatchSize}, lr {o.LearningRate}, decay {o.WeightDecay}, quantiles {o.QuantileFeatures}, " +
            $"dropout {o.Dropout}, schedule {o.LearningRateSchedule} to {o.FinalLearningRateRatio}, SAM {o.SharpnessRadius}"
        : "Trainers.Mlp()";

    private static string Seconds(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture);

    private static (T Score, double Seconds) Measure<T>(Func<T> run)
    {
        var clock = Stopwatch.StartNew();
        var score = run();
        return (score, clock.Elapsed.TotalSeconds);
    }
}
