using Mnist.MLNet.Tabular;
using static Mnist.Trainer.Commands.FlagValues;

namespace Mnist.Trainer.Commands;

/// <summary>The flags of <c>mnist train</c> that train on a CSV file instead of MNIST: the file, the label, the
/// task, the columns to leave out and the test hold-out. Declared like <see cref="TrainFlags"/>, which lists them.</summary>
internal static class TableFlags
{
    public static readonly TrainFlag<string?> Csv = TrainFlag.ForPath("--csv", "FILE",
        "Train on this CSV file (a header line of column names, then one row per example) instead of MNIST; needs --label", "none",
        s => s.Csv, (s, v) => s.Csv = v);

    public static readonly TrainFlag<string?> Label = new(new Option<string?>("--label")
    {
        Description = "--csv: the column to predict",
        HelpName = "COLUMN",
    }, s => s.Label, (s, v) => s.Label = v, v => v!);

    public static readonly TrainFlag<MlpTask?> Task = new(new Option<MlpTask?>("--task")
    {
        Description = "--csv: what to predict; true/false labels are binary and text labels multiclass without it, numbers need it [default: inferred]",
        HelpName = string.Join("|", TaskInference.Names.Keys),
        CustomParser = r => ParseName(r, "--task", TaskInference.Names),
    }, s => s.Task, (s, v) => s.Task = v, v => TaskInference.Name(v!.Value));

    public static readonly TrainFlag<string[]> Ignore = new(new Option<string[]>("--ignore")
    {
        Description = "--csv: columns to leave out (identifiers, leaks), comma-separated [default: none]",
        HelpName = "COL,COL",
        CustomParser = r => r.Tokens.Count == 0 ? [] : r.Tokens[0].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
    }, s => s.Ignore, (s, v) => s.Ignore = v, v => string.Join(",", v), s => s.Ignore.Length > 0);

    public static readonly TrainFlag<double> TestFraction = new(new Option<double>("--test-fraction")
    {
        Description = $"--csv, --images: fraction of the rows (chosen by --seed) held out for the test metrics [default: {Invariant(TabularTraining.Defaults.TestFraction)}]",
        HelpName = "F",
        CustomParser = r => ParseNumber<double>(r, "--test-fraction", v => v > 0 && v < 1, "in (0, 1)"),
    }, s => s.TestFraction, (s, v) => s.TestFraction = v, Invariant, s => s.Csv is not null || s.Images is not null);

    /// <summary>The flags, in the order help lists them.</summary>
    public static IReadOnlyList<TrainFlag> All { get; } = [Csv, Label, Task, Ignore, TestFraction];

    /// <summary>Checks that need two flags: a CSV needs its label, and the other table flags need a CSV.</summary>
    public static void CheckCombination(System.CommandLine.Parsing.CommandResult r)
    {
        bool csv = r.GetValue(Csv.Typed) is not null;
        if (csv && r.GetValue(Label.Typed) is null) r.AddError("--csv needs --label COLUMN (the column to predict)");
        if (!csv && r.GetValue(PictureFlags.Images.Typed) is null && r.GetResult(TestFraction.Option) is { Implicit: false })
            r.AddError("--test-fraction needs --csv FILE or --images DIR");
        if (!csv)
            foreach (var flag in new TrainFlag[] { Label, Task, Ignore })
                if (r.GetResult(flag.Option) is { Implicit: false })
                    r.AddError($"{flag.Option.Name} needs --csv FILE");
    }
}
