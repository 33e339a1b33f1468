using Mnist.MLNet.Scoring.Tabular;
using Mnist.MLNet.Tabular;

namespace Mnist.Trainer;

/// <summary>Renders what a table model reads and how it scored: one line per fact, so logs and tests read them.</summary>
public static class TableView
{
    /// <summary>The columns read and left out, the label and the task.</summary>
    public static void WriteSchema(IAnsiConsole console, TabularSchema schema)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine($"Features: {string.Join(", ", schema.Features.Select(c => Describe(c, schema.ColumnsWithMissingValues.Contains(c.Name))))}");
        foreach (var column in schema.Ignored) writer.WriteLine($"Left out: {column.Name} ({column.Reason})");
        writer.WriteLine($"Task: {TaskInference.Name(schema.Task)} on '{schema.Label.Name}'" +
            (schema.Label.Categories is { } classes ? $" ({classes.Count} classes: {string.Join(", ", classes)})" : ""));
    }

    /// <summary>One line per metric: <c>Test accuracy: 0.9333 (60 rows)</c>.</summary>
    public static void WriteMetrics(IAnsiConsole console, TabularMetrics metrics, string prefix)
    {
        var writer = console.Profile.Out.Writer;
        foreach (var metric in metrics.Values)
            writer.WriteLine($"{prefix} {metric.Name}: {Number(metric.Value)}");
        writer.WriteLine($"{prefix} rows: {metrics.Rows.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Four decimals, or four significant digits below 0.001: a regression's error on a target of scale 1e-6
    /// would otherwise print as 0.0000.</summary>
    public static string Number(double value) =>
        value.ToString(value == 0 || Math.Abs(value) >= 1e-3 ? "F4" : "G4", CultureInfo.InvariantCulture);

    /// <summary>A column as <c>age (number, missing values get an indicator)</c>.</summary>
    public static string Describe(InputColumn column, bool withMissing = false) => column.Kind switch
    {
        InputColumnKind.Category => $"{column.Name} (category: {string.Join("|", column.Categories ?? [])})",
        _ => $"{column.Name} ({column.KindName}{(withMissing ? ", missing values replaced, with an indicator" : "")})",
    };
}
