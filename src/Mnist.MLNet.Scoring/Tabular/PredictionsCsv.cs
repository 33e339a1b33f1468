using System.Globalization;

namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>Writes a tabular model's predictions as CSV beside the rows they came from: the input file's line, every
/// field of the row as it was, then <c>predicted</c> and, by task, <c>p_CLASS</c> per class, <c>probability</c>, or
/// nothing more (regression: <c>predicted</c> is the value).</summary>
public static class PredictionsCsv
{
    /// <summary>The column names the predictions add after the input's.</summary>
    public static IReadOnlyList<string> PredictionColumns(ModelCard card) => card.Task switch
    {
        MlpTask.MulticlassClassification => ["predicted", .. card.ClassLabels.Select(c => "p_" + c)],
        MlpTask.BinaryClassification => ["predicted", "probability"],
        _ => ["predicted"],
    };

    public static void Write(TextWriter writer, CsvTable table, IReadOnlyList<TabularPrediction> predictions, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count != table.Records.Count)
            throw new ArgumentException($"{predictions.Count} predictions for {table.Records.Count} rows", nameof(predictions));
        writer.WriteLine(string.Join(',', new[] { "line" }.Concat(table.Header).Concat(PredictionColumns(card)).Select(Quote)));
        for (int i = 0; i < predictions.Count; i++)
        {
            var p = predictions[i];
            IEnumerable<string> predicted = card.Task switch
            {
                MlpTask.MulticlassClassification => [Quote(p.Label), .. card.ClassLabels.Select(c => Number(p.Probabilities![c]))],
                MlpTask.BinaryClassification => [p.Label, Number(p.Probability!.Value)],
                _ => [Number(p.Score)],
            };
            var record = table.Records[i];
            writer.WriteLine(string.Join(',', new[] { record.Line.ToString(CultureInfo.InvariantCulture) }
                .Concat(record.Fields.Select(Quote)).Concat(predicted)));
        }
        writer.Flush();
    }

    // Round-trip precision, so a checker reading the CSV sees the model's exact float.
    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";
}
