using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Mnist.MLNet.Training;
using Mnist.MLNet.Training.Recipes;
using Mnist.MLNet.Training.Schedules;

namespace Mnist.Trainer.Commands;

/// <summary>The options of <c>mnist train</c> beyond the tutorial's: a recipe, the schedule, regularisation and
/// augmentation. A recipe supplies every value the command line leaves out.</summary>
internal static class TrainRecipeOptions
{
    // Declared first: the parsers below read them.
    private static readonly Dictionary<string, MlpRecipe> RecipeNames = new()
    {
        ["tutorial"] = MlpRecipe.Tutorial, ["fast"] = MlpRecipe.Fast, ["best"] = MlpRecipe.Best,
    };

    private static readonly Dictionary<string, LearningRateScheduleKind> ScheduleNames = new()
    {
        ["linear"] = LearningRateScheduleKind.Linear, ["constant"] = LearningRateScheduleKind.Constant,
        ["cosine"] = LearningRateScheduleKind.Cosine, ["one-cycle"] = LearningRateScheduleKind.OneCycle,
    };

    // No DefaultValueFactory on the two named choices: help would print the enum's spelling, not the one typed.
    public static readonly Option<MlpRecipe?> RecipeOption = new("--recipe")
    {
        Description = "Start from a named set of options; flags given explicitly override its values [default: tutorial]",
        HelpName = "tutorial|fast|best",
        CustomParser = r => Parse(r, "--recipe", RecipeNames, MlpRecipe.Tutorial),
    };

    public static readonly Option<LearningRateScheduleKind?> ScheduleOption = new("--schedule")
    {
        Description = "Learning-rate schedule between --lr-start-ratio and --lr-final-ratio times --lr: linear (per epoch), constant, cosine or one-cycle (per batch) [default: linear]",
        HelpName = "linear|constant|cosine|one-cycle",
        CustomParser = r => Parse(r, "--schedule", ScheduleNames, MlpTrainer.Defaults.LearningRateSchedule),
    };

    public static readonly Option<double> StartRatioOption = Fraction("--lr-start-ratio",
        "Learning rate of the first batch as a fraction of --lr (one-cycle: where the warm-up starts)", MlpTrainer.Defaults.LearningRateRatio, "F", max: double.MaxValue, positive: true);

    public static readonly Option<double> WarmupOption = Fraction("--warmup",
        "one-cycle: fraction of all batches spent warming up to --lr", MlpTrainer.Defaults.WarmupFraction, "F", max: 1, positive: true);

    public static readonly Option<double> DropoutOption = Fraction("--dropout", "Dropout probability after each hidden layer", 0, "P", max: 1);

    public static readonly Option<double> WeightDecayOption = Fraction("--weight-decay", "Weight decay (L2 penalty; decoupled with --optimizer adamw)", 0, "X", max: double.MaxValue);

    public static readonly Option<double> LabelSmoothingOption = Fraction("--label-smoothing", "Share of each target spread over all classes in the training loss", 0, "E", max: 1);

    public static readonly Option<double> ShiftOption = Fraction("--shift", "Augmentation: largest random shift of each training image, in pixels", 0, "PX", max: double.MaxValue);

    public static readonly Option<double> RotateOption = Fraction("--rotate", "Augmentation: largest random rotation, in degrees", 0, "DEG", max: 180, inclusive: true);

    public static readonly Option<double> ScaleOption = Fraction("--scale", "Augmentation: largest relative change of size (0.1: between 0.9 and 1.1)", 0, "F", max: 1);

    public static readonly Option<double> FlipOption = Fraction("--flip", "Augmentation: probability of mirroring a training image left to right (clothing, not digits)", 0, "P", max: 1, inclusive: true);

    public static readonly Option<double> ElasticOption = Fraction("--elastic", "Augmentation: strength of elastic distortion in pixels (alpha; 0 for none)", 0, "ALPHA", max: double.MaxValue);

    public static readonly Option<double> ElasticSigmaOption = Fraction("--elastic-sigma", "Augmentation: smoothness of the elastic distortion in pixels", 4, "SIGMA", max: double.MaxValue, positive: true);

    /// <summary>Every option here, in the order help lists them.</summary>
    public static IEnumerable<Option> All =>
        [RecipeOption, ScheduleOption, StartRatioOption, WarmupOption, DropoutOption, WeightDecayOption, LabelSmoothingOption,
         ShiftOption, RotateOption, ScaleOption, FlipOption, ElasticOption, ElasticSigmaOption];

    /// <summary>The value typed on the command line, else the recipe's.</summary>
    public static T Pick<T>(ParseResult result, Option<T> option, T recipeValue) =>
        result.GetResult(option) is { Implicit: false } ? result.GetValue(option)! : recipeValue;

    /// <summary>The spelling the command line accepts for <paramref name="schedule"/>.</summary>
    public static string Name(LearningRateScheduleKind schedule) => ScheduleNames.Single(p => p.Value == schedule).Key;

    // Only the listed names; Enum parsing would also take numbers.
    private static T? Parse<T>(ArgumentResult result, string name, Dictionary<string, T> names, T fallback) where T : struct
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (names.TryGetValue(token.ToLowerInvariant(), out var value)) return value;
        result.AddError($"{name} '{token}' is not one of {string.Join(", ", names.Keys)}");
        return fallback;
    }

    private static Option<double> Fraction(string name, string description, double defaultValue, string helpName, double max, bool positive = false, bool inclusive = false) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = helpName,
        Validators =
        {
            r =>
            {
                var value = r.GetValueOrDefault<double>();
                bool low = positive ? value > 0 : value >= 0;
                if (!(low && (inclusive ? value <= max : value < max) && double.IsFinite(value)))
                    r.AddError($"{name} must be {(positive ? "positive" : "zero or positive")}{(max < double.MaxValue ? $" and {(inclusive ? "at most" : "below")} {max.ToString(CultureInfo.InvariantCulture)}" : "")} (got {value.ToString(CultureInfo.InvariantCulture)})");
            },
        },
    };
}
