using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Mnist.Serving.Http;
using Mnist.Serving.Models;

namespace Mnist.Serving.Endpoints;

/// <summary><c>GET /model</c> and <c>GET /health</c>.</summary>
internal static class ModelEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/model", (ModelSlot slot) => TypedResults.Ok(ModelResponse.Of(slot.Current)))
            .WithName("Model")
            .WithTags("Model")
            .WithSummary("The served file (path, size, write and load time) and the model card stored in it")
            .Produces<ModelResponse>();

        // A server without a loadable model does not start, so answering at all means a model is loaded.
        app.MapGet("/health", (ModelSlot slot) => TypedResults.Ok(HealthResponse.Of(slot.Current.File)))
            .WithName("Health")
            .WithTags("Model")
            .WithSummary("200 while a model is loaded")
            .Produces<HealthResponse>();
    }
}
