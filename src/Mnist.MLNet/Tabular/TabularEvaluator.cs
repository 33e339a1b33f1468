using Mnist.MLNet.Training;

namespace Mnist.MLNet.Tabular;

/// <summary>Evaluates a tabular model (trained or loaded from a zip) on labelled rows with ML.NET's evaluator for the
/// task its card records.</summary>
public static class TabularEvaluator
{
    private const string LabelKey = "__tabular_label_key";
    private const string PredictedKey = "__tabular_predicted_key";

    /// <param name="data">Rows with the model's input columns and its label column (as <c>TabularRows</c> reads them).</param>
    public static TabularMetrics Evaluate(MLContext mlContext, ITransformer model, IDataView data)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var card = ModelCard.Read(model);
        var scored = model.Transform(data);
        long rows = CountRows(data);
        switch (card.Task)
        {
            case MlpTask.Regression:
                var r = mlContext.Regression.Evaluate(scored, card.LabelColumnName, card.ScoreColumnName);
                return new(card.Task, rows, [new("R-squared", r.RSquared), new("MAE", r.MeanAbsoluteError), new("RMSE", r.RootMeanSquaredError)]);
            case MlpTask.BinaryClassification:
                var b = mlContext.BinaryClassification.Evaluate(scored, card.LabelColumnName, card.ScoreColumnName,
                    BinaryMlpTrainer.Options.DefaultProbabilityColumnName, card.PredictedLabelColumnName);
                return new(card.Task, rows, [new("accuracy", b.Accuracy), new("AUC", b.AreaUnderRocCurve), new("F1", b.F1Score), new("log-loss", b.LogLoss)]);
            default:
                // The saved model maps its prediction back to the label's value (text or number); both become keys in the card's class
                // order, which is the order of the Score slots.
                var classes = ClassKeys.Of(mlContext, card.ClassLabels, TabularModel.HasNumericClasses(card));
                var keyed = mlContext.Transforms.Conversion.MapValueToKey(LabelKey, card.LabelColumnName, keyData: classes)
                    .Append(mlContext.Transforms.Conversion.MapValueToKey(PredictedKey, card.PredictedLabelColumnName, keyData: classes))
                    .Fit(scored).Transform(scored);
                var m = mlContext.MulticlassClassification.Evaluate(keyed, LabelKey, card.ScoreColumnName, PredictedKey);
                return new(card.Task, rows, [new("accuracy", m.MicroAccuracy), new("macro accuracy", m.MacroAccuracy), new("log-loss", m.LogLoss)]);
        }
    }

    /// <summary>Evaluates the saved model <paramref name="modelPath"/> on every row of the CSV file <paramref name="csvPath"/>,
    /// which holds the model's input columns and its label column.</summary>
    /// <exception cref="SavedModelException">The file is not a model of a table.</exception>
    /// <exception cref="TabularInputException">The CSV lacks a column, or a value does not parse.</exception>
    public static TabularMetrics Evaluate(string modelPath, string csvPath)
    {
        var card = ModelCard.Read(modelPath);
        if (!TabularModel.IsTabular(card))
            throw new SavedModelException(Path.GetFullPath(modelPath), $"the model reads {card.FeatureSize} features in column '{card.FeatureColumnName}', not the columns of a table");
        var data = TabularRows.FromCsv(CsvTable.Read(csvPath), card.InputColumns!, TabularModel.LabelOf(card));
        var mlContext = new MLContext();
        var model = mlContext.Model.LoadChecked(modelPath, out _);
        return Evaluate(mlContext, model, data);
    }

    private static long CountRows(IDataView data)
    {
        if (data.GetRowCount() is { } count) return count;
        long n = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext()) n++;
        return n;
    }
}
