using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
            .WithSummary("Predict the digit of one image")
            .WithDescription("JSON {\"pixels\": [784 numbers, 0-1 or 0-255, row-major 28x28, white on black]} taken as MNIST " +
                "features, or a PNG or JPEG picture of one digit (either polarity, at most " +
                $"{MnistServerOptions.Defaults.MaxImagePixels} pixels by default), prepared as MNIST's digits were.")
            .WithTags("Predict")
            .DescribeBody<PixelsRequest>("image/png", "image/jpeg")
            .Produces<PredictionResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(MnistServer.ScoringPolicy);

        app.MapPost("/predict/batch", PredictBatchAsync)
            .WithName("PredictBatch")
            .WithSummary("Predict the digits of many images in one bulk Transform")
            .WithDescription($"JSON {{\"images\": [[784 numbers], ...]}}, each image as in /predict's JSON; at most " +
                $"{MnistServerOptions.Defaults.MaxBatchImages} images and {MnistServerOptions.Defaults.MaxBatchBodyBytes >> 20} MiB by default.")
            .WithTags("Predict")
            .DescribeBody<BatchRequest>()
            .Produces<BatchResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(MnistServer.BatchPolicy);
    }

    private static async Task<IResult> PredictAsync(HttpRequest request, ModelSlot slot, MnistServerOptions options)
    {
        var features = await DigitRequests.ReadSingleAsync(request, options);
        return TypedResults.Ok(PredictionResponse.From(slot.Use(model => model.Predict(features))));
    }

    private static async Task<IResult> PredictBatchAsync(HttpRequest request, ModelSlot slot, MnistServerOptions options)
    {
        var images = await DigitRequests.ReadBatchAsync(request, options);
        var scores = slot.Use(model => model.PredictBatch(images));
        return TypedResults.Ok(new BatchResponse(scores.Select(PredictionResponse.From).ToList()));
    }
}
