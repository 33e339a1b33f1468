using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mnist.Serving.Endpoints;

/// <summary><c>GET /</c>: the page to draw digits on, one self-contained HTML file embedded in the assembly.</summary>
internal static class PageEndpoint
{
    private const string ResourceName = "Mnist.Serving.index.html";

    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = typeof(PageEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from {typeof(PageEndpoint).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/", () => TypedResults.Content(Html.Value, "text/html; charset=utf-8"))
            .WithName("Page")
            .WithTags("Page")
            .WithSummary("A page to draw a digit on and see the model's probabilities as you draw")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
}
