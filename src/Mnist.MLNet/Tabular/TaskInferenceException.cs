namespace Mnist.MLNet.Tabular;

/// <summary>The task cannot be read off the label (numbers may be classes or quantities), or the task asked for does
/// not suit it. The one-line message names the label column and the tasks that would work.</summary>
public sealed class TaskInferenceException(string labelColumnName, IReadOnlyList<MlpTask> candidates, string message)
    : Exception(message)
{
    /// <summary>The label column.</summary>
    public string LabelColumnName { get; } = labelColumnName;

    /// <summary>The tasks the label would suit.</summary>
    public IReadOnlyList<MlpTask> Candidates { get; } = candidates;
}
