using System.Text.Json.Serialization;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Scoring.Pictures;
using Mnist.MLNet.Scoring.Tabular;

namespace Mnist.Serving.Http;

/// <summary>The answer for one row of a model of a table, by task: the predicted class, its probability and every
/// class's (multiclass); the predicted <c>True</c>/<c>False</c> and the probability of true (binary); the predicted
/// value (regression). Fields that do not apply to the task are left out.</summary>
public sealed record TablePredictionResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Label,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Probability,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, float>? Probabilities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Score)
{
    /// <summary>The response for <paramref name="prediction"/> of a model of <paramref name="task"/>.</summary>
    public static TablePredictionResponse From(TabularPrediction prediction, MlpTask task) => task switch
    {
        MlpTask.Regression => new(null, null, null, prediction.Score),
        MlpTask.BinaryClassification => new(prediction.Label, prediction.Probability, null, null),
        _ => new(prediction.Label, prediction.Score, prediction.Probabilities, null),
    };
}

/// <summary>The answer for a batch of rows, in the order of the request's rows.</summary>
public sealed record TableBatchResponse(IReadOnlyList<TablePredictionResponse> Predictions);

/// <summary>The answer for one picture: the most probable class, its probability, and every class's.</summary>
public sealed record PicturePredictionResponse(string Label, float Probability, IReadOnlyDictionary<string, float> Probabilities)
{
    public static PicturePredictionResponse From(PicturePrediction prediction) =>
        new(prediction.Label, prediction.Probabilities[prediction.Label], prediction.Probabilities);
}

/// <summary><c>POST /predict/batch</c>'s body for a model of a table (the OpenAPI document shows each row's columns).</summary>
/// <param name="Rows">Each one an object keyed by the model's input columns, as <c>POST /predict</c> takes.</param>
public sealed record TableBatchRequest(IReadOnlyList<Dictionary<string, object?>> Rows);
