using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Mnist.Serving.Http;
using Mnist.Serving.Models;

namespace Mnist.Serving.Endpoints;

/// <summary><c>POST /predict</c> and <c>POST /predict/batch</c>.</summary>
internal static class PredictEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/predict", PredictAsync)
            .WithName("Predict")
            .WithSummary("Predict one digit image, table row or picture, as the served model reads")
            .WithDescription("A model of a table: one JSON object keyed by its input columns (see the request schema; null is a " +
                "missing number or category). A model of pictures: a PNG or JPEG body. A digit model: JSON {\"pixels\": [784 numbers, 0-1 or 0-255, row-major 28x28, white on black]} taken as MNIST " +
                "features, or a PNG or JPEG picture of one digit (either polarity, at most " +
                $"{MnistServerOptions.Defaults.MaxImagePixels} pixels by default), prepared as MNIST's digits were.")
            .WithTags("Predict")
            .DescribeBody<PixelsRequest>("image/png", "image/jpeg")
            .Produces<PredictionResponse>()
            .ProducesScoringRefusals()
            .RequireRateLimiting(MnistServer.ScoringPolicy);

        app.MapPost("/predict/batch", PredictBatchAsync)
            .WithName("PredictBatch")
            .WithSummary("Predict many digit images or table rows in one bulk Transform")
            .WithDescription($"A model of a table: JSON {{\"rows\": [row objects as /predict takes]}}. A digit model: JSON {{\"images\": [[784 numbers], ...]}}, each image as in /predict's JSON; at most " +
                $"{MnistServerOptions.Defaults.MaxBatchImages} images (or rows) and {MnistServerOptions.Defaults.MaxBatchBodyBytes >> 20} MiB by default.")
            .WithTags("Predict")
            .DescribeBody<BatchRequest>()
            .Produces<BatchResponse>()
            .ProducesScoringRefusals()
            .RequireRateLimiting(MnistServer.BatchPolicy);
    }

    // Both scoring endpoints refuse alike: a bad body, one too large, a type they do not read, a full queue.
    private static RouteHandlerBuilder ProducesScoringRefusals(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
        .Produces<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)
        .Produces<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType)
        .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> PredictAsync(HttpRequest request, ModelSlot slot, MnistServerOptions options)
    {
        var mediaType = RequestMediaType.Check(request, ModelRequests.SingleTypes(slot.Current.Input));
        var body = await RequestBody.ReadAsync(request, options.MaxBodyBytes);
        return TypedResults.Ok(slot.Use(model => ModelRequests.PredictOne(model, mediaType, body, options)));
    }

    private static async Task<IResult> PredictBatchAsync(HttpRequest request, ModelSlot slot, MnistServerOptions options)
    {
        RequestMediaType.Check(request, ["application/json"]);
        var body = await RequestBody.ReadAsync(request, options.MaxBatchBodyBytes);
        return TypedResults.Ok(slot.Use(model => ModelRequests.PredictBatch(model, body, options)));
    }
}
