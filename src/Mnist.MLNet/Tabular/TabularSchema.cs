namespace Mnist.MLNet.Tabular;

/// <summary>What <see cref="ColumnInference"/> found in a CSV file: the feature columns and how each is read, the
/// label and the task, and the columns left out with the reason.</summary>
public sealed record TabularSchema
{
    /// <summary>The columns the model reads, in file order.</summary>
    public required IReadOnlyList<InputColumn> Features { get; init; }

    /// <summary>The label column; for classification its <see cref="InputColumn.Categories"/> are the classes.</summary>
    public required InputColumn Label { get; init; }

    /// <summary>What the model predicts.</summary>
    public required MlpTask Task { get; init; }

    /// <summary>Number columns with missing values in the file: each gets an indicator feature.</summary>
    public required IReadOnlySet<string> ColumnsWithMissingValues { get; init; }

    /// <summary>Columns the model does not read, and why.</summary>
    public required IReadOnlyList<IgnoredColumn> Ignored { get; init; }
}

/// <summary>A column left out of the features.</summary>
public sealed record IgnoredColumn(string Name, string Reason);
