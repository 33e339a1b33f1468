namespace Mnist.Benchmarks.Support;

/// <summary>One trainer's cross-validation on one set: the pipeline users write (label to key or Boolean, normalise,
/// train), folds drawn by ML.NET from the seed, so every trainer sees the same ones.</summary>
public static class TabularCrossValidation
{
    public static string PrimaryMetric(TabularTask task) => task switch
    {
        TabularTask.Multiclass => "accuracy",
        TabularTask.Binary => "AUC",
        _ => "R²",
    };

    public static string SecondaryMetric(TabularTask task, bool binaryF1 = false) => task switch
    {
        TabularTask.Multiclass => "log-loss",
        TabularTask.Binary => binaryF1 ? "F1" : "accuracy",
        _ => "RMSE",
    };

    /// <summary>Mean primary and secondary metric over the folds.</summary>
    /// <param name="binaryF1">Report F1 rather than accuracy as the binary secondary metric (for imbalanced sets).</param>
    public static (double Primary, double Secondary) Run(MLContext ml, IDataView data, TabularTask task,
        Func<MLContext, IEstimator<ITransformer>> trainer, int folds, int seed, bool binaryF1 = false)
    {
        var normalize = ml.Transforms.NormalizeMeanVariance("Features");
        switch (task)
        {
            case TabularTask.Multiclass:
                var multiclass = ml.MulticlassClassification.CrossValidate(data,
                    ml.Transforms.Conversion.MapValueToKey("Label").Append(normalize).Append(trainer(ml)), folds, seed: seed);
                return (multiclass.Average(r => r.Metrics.MicroAccuracy), multiclass.Average(r => r.Metrics.LogLoss));
            case TabularTask.Binary:
                var binary = ml.BinaryClassification.CrossValidate(data,
                    ml.Transforms.Conversion.ConvertType("Label", outputKind: Microsoft.ML.Data.DataKind.Boolean).Append(normalize).Append(trainer(ml)),
                    folds, seed: seed);
                return (binary.Average(r => r.Metrics.AreaUnderRocCurve),
                    binary.Average(r => binaryF1 ? F1(r.Metrics) : r.Metrics.Accuracy));
            default:
                var regression = ml.Regression.CrossValidate(data, normalize.Append(trainer(ml)), folds, seed: seed);
                return (regression.Average(r => r.Metrics.RSquared), regression.Average(r => r.Metrics.RootMeanSquaredError));
        }
    }

    // ML.NET reports NaN when a fold predicts no positives; that fold's F1 is 0, as scikit-learn scores it.
    private static double F1(Microsoft.ML.Data.CalibratedBinaryClassificationMetrics metrics) =>
        double.IsNaN(metrics.F1Score) ? 0 : metrics.F1Score;
}
