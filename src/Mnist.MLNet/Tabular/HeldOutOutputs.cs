using Mnist.MLNet.Workflow;

namespace Mnist.MLNet.Tabular;

/// <summary>What a workflow that holds out test rows (a table, a folder of pictures) leaves when done: the model zip
/// and the metrics JSON where the options ask for them, and no checkpoint kept only for an interruption.</summary>
internal static class HeldOutOutputs
{
    /// <summary>Writes <paramref name="model"/> (reading <paramref name="inputSchema"/>) and <paramref name="metrics"/>
    /// as <paramref name="options"/> say, each all or nothing.</summary>
    public static void Write(HeldOutTrainingOptions options, MLContext mlContext, ITransformer model, DataViewSchema inputSchema,
        TabularMetrics metrics)
    {
        if (options.ModelPath is { } modelPath) mlContext.Model.SaveAtomically(model, inputSchema, modelPath);
        if (options.MetricsPath is { } metricsPath) AtomicFile.Write(metricsPath, System.Text.Encoding.UTF8.GetBytes(metrics.ToJson()));
        FinishedCheckpoint.Remove(options.RemoveCheckpointWhenDone, options.Trainer);
    }
}
