namespace Mnist.MLNet.Tabular;

/// <summary>What <see cref="TabularTraining.RunAsync"/> produced.</summary>
/// <param name="Schema">How each column was read, the label and the task.</param>
/// <param name="Train">The rows trained on (validation rows included).</param>
/// <param name="Test">The held-out rows the metrics were computed on.</param>
/// <param name="Model">Featurisation, network and (multiclass) the mapping back to the label's values, as saved.</param>
/// <param name="Metrics">ML.NET's test metrics for the task.</param>
/// <param name="History">Per-epoch losses, accuracies and timings.</param>
public sealed record TabularTrainingResult(MLContext MLContext, TabularSchema Schema, IDataView Train, IDataView Test,
    ITransformer Model, TabularMetrics Metrics, IReadOnlyList<EpochMetrics> History);
