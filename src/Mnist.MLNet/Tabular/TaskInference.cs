namespace Mnist.MLNet.Tabular;

/// <summary>Chooses the task from the label's values, or checks the one asked for: true/false labels are binary,
/// text labels multiclass; numbers could be either classes or a quantity, so they need the task said.</summary>
public static class TaskInference
{
    /// <summary>The spelling of each task users type: <c>multiclass</c>, <c>binary</c>, <c>regression</c>.</summary>
    public static IReadOnlyDictionary<string, MlpTask> Names { get; } = new Dictionary<string, MlpTask>
    {
        ["multiclass"] = MlpTask.MulticlassClassification,
        ["binary"] = MlpTask.BinaryClassification,
        ["regression"] = MlpTask.Regression,
    };

    /// <summary>The user's name of <paramref name="task"/>.</summary>
    public static string Name(MlpTask task) => Names.Single(p => p.Value == task).Key;

    internal static (InputColumn Label, MlpTask Task) Resolve(string name, ColumnStatistics values, MlpTask? requested)
    {
        bool zeroOne = values.AllNumbers && values.Distinct.All(v => TabularValues.TryParseBoolean(v, out _));
        bool booleans = values.AllBooleans && !values.AllNumbers;
        var task = requested ?? (booleans ? MlpTask.BinaryClassification
            : values.AllNumbers ? throw Ambiguous(name, values, zeroOne)
            : MlpTask.MulticlassClassification);
        switch (task)
        {
            case MlpTask.Regression when !values.AllNumbers:
                throw Unsuited(name, task, $"'{values.Distinct[0]}' is not a number", booleans ? MlpTask.BinaryClassification : MlpTask.MulticlassClassification);
            case MlpTask.Regression:
                return (new InputColumn(name, InputColumnKind.Number), task);
            case MlpTask.BinaryClassification when !(booleans || zeroOne):
                throw Unsuited(name, task, $"it holds {Describe(values)}, expected true/false or 0/1", MlpTask.MulticlassClassification);
            case MlpTask.BinaryClassification:
                return (new InputColumn(name, InputColumnKind.Boolean), task);
            default:
                if (values.Distinct.Count < 2)
                    throw new TaskInferenceException(name, [], $"label column '{name}' holds a single value, '{values.Distinct.FirstOrDefault()}': there is nothing to learn");
                // Numbers stay numbers (the card records the label as Single), their classes in canonical spelling.
                return values.AllNumbers
                    ? (new InputColumn(name, InputColumnKind.Number, ClassKeys.NumericLabels(values.Distinct)), task)
                    : (new InputColumn(name, InputColumnKind.Category, values.Distinct), task);
        }
    }

    private static TaskInferenceException Ambiguous(string name, ColumnStatistics values, bool zeroOne)
    {
        MlpTask[] candidates = zeroOne
            ? [MlpTask.BinaryClassification, MlpTask.MulticlassClassification, MlpTask.Regression]
            : [MlpTask.MulticlassClassification, MlpTask.Regression];
        return new TaskInferenceException(name, candidates,
            $"label column '{name}' holds numbers ({Describe(values)}): classes or a quantity? " +
            $"Choose the task: {string.Join(" or ", candidates.Select(t => "--task " + Name(t)))}");
    }

    private static TaskInferenceException Unsuited(string name, MlpTask task, string why, MlpTask instead) =>
        new(name, [instead], $"label column '{name}' does not suit {Name(task)}: {why}; try --task {Name(instead)}");

    private static string Describe(ColumnStatistics values) => values.DistinctCapped
        ? $"more than {values.Distinct.Count} distinct values"
        : $"{values.Distinct.Count} distinct value{(values.Distinct.Count == 1 ? "" : "s")}";
}
