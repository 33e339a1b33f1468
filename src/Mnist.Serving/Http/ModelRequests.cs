using Mnist.Serving.Models;

namespace Mnist.Serving.Http;

/// <summary>Reads a request body for the model that will score it and scores it: the body's shape follows what the
/// model reads (<see cref="ModelInput"/>).</summary>
/// <remarks>The content type is checked against the model served when the request arrives, before its body is read;
/// the body is parsed against the model it is scored on, so a swap in between (a digit model for a table's, say)
/// gets a refusal naming what the new model takes, never a misread.</remarks>
internal static class ModelRequests
{
    private static readonly string[] Json = ["application/json"];
    private static readonly string[] Pictures = ["image/png", "image/jpeg"];

    /// <summary>The media types <c>POST /predict</c> accepts for a model reading <paramref name="input"/>.</summary>
    public static IReadOnlyList<string> SingleTypes(ModelInput input) => input switch
    {
        ModelInput.Table => Json,
        ModelInput.Pictures => Pictures,
        _ => DigitRequests.SingleTypes,
    };

    /// <summary>The answer for one digit, row or picture.</summary>
    public static object PredictOne(ServedModel model, string mediaType, byte[] body, MnistServerOptions options)
    {
        Require(SingleTypes(model.Input), mediaType, model);
        return model.Input switch
        {
            ModelInput.Table => TablePredictionResponse.From(model.Table!.Predict(TableJson.ReadSingle(body, model.Table.InputColumns))[0], model.Card.Task),
            ModelInput.Pictures => PicturePredictionResponse.From(model.Pictures!.Predict(
                [PictureBody.Read(body, model.Pictures.Size, model.Pictures.Color, options)])[0]),
            _ => PredictionResponse.From(model.Predict(DigitRequests.ReadSingle(mediaType, body, options))),
        };
    }

    /// <summary>The answer for a JSON batch of digits or rows.</summary>
    public static object PredictBatch(ServedModel model, byte[] body, MnistServerOptions options)
    {
        switch (model.Input)
        {
            case ModelInput.Table:
                var rows = TableJson.ReadBatch(body, model.Table!.InputColumns, options.MaxBatchImages);
                return new TableBatchResponse([.. model.Table.Predict(rows).Select(p => TablePredictionResponse.From(p, model.Card.Task))]);
            case ModelInput.Pictures:
                throw new BadInputException("the served model reads pictures: send each as a PNG or JPEG body to POST /predict",
                    StatusCodes.Status415UnsupportedMediaType);
            default:
                var scores = model.PredictBatch(DigitRequests.ReadBatch(body, options));
                return new BatchResponse([.. scores.Select(PredictionResponse.From)]);
        }
    }

    private static void Require(IReadOnlyList<string> accepted, string mediaType, ServedModel model)
    {
        if (!accepted.Contains(mediaType))
            throw new BadInputException($"the served model (replaced meanwhile) reads {model.Input.ToString().ToLowerInvariant()}: " +
                $"Content-Type {mediaType} is not accepted, expected one of {string.Join(", ", accepted)}", StatusCodes.Status415UnsupportedMediaType);
    }
}
