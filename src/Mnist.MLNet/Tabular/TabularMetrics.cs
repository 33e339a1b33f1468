using System.Text.Json;

namespace Mnist.MLNet.Tabular;

/// <summary>ML.NET's test metrics for a tabular model's task, as named values: accuracy, macro accuracy and
/// log-loss (multiclass); accuracy, AUC, F1 and log-loss (binary); R², mean absolute and root mean squared error
/// (regression). The first is the one to quote.</summary>
public sealed record TabularMetrics(MlpTask Task, long Rows, IReadOnlyList<TabularMetric> Values)
{
    /// <summary>The value named <paramref name="name"/>.</summary>
    public double this[string name] => Values.Single(v => v.Name == name).Value;

    /// <summary>The metrics as JSON: task, rows and each value by name.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        task = TaskInference.Name(Task),
        rows = Rows,
        metrics = Values.ToDictionary(v => v.Name, v => v.Value),
    }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
}

/// <summary>One named metric.</summary>
public sealed record TabularMetric(string Name, double Value);
