using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Mnist.Serving.Models;

namespace Mnist.Serving.Endpoints;

/// <summary><c>GET /</c>: for a digit model, the page to draw digits on; for a model of a table or of pictures, a form
/// the page builds from the model card. Each is one self-contained HTML file embedded in the assembly.</summary>
internal static class PageEndpoint
{
    private static readonly Lazy<string> DrawingPage = new(() => Read("Mnist.Serving.index.html"));
    private static readonly Lazy<string> FormPage = new(() => Read("Mnist.Serving.form.html"));

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/", (ModelSlot slot) => TypedResults.Content(
                slot.Current.Input == ModelInput.Digits ? DrawingPage.Value : FormPage.Value, "text/html; charset=utf-8"))
            .WithName("Page")
            .WithTags("Page")
            .WithSummary("A page to draw a digit on (digit models), or a form of the model's inputs (tables, pictures)")
            .Produces<string>(StatusCodes.Status200OK, "text/html");

    private static string Read(string resourceName)
    {
        using var stream = typeof(PageEndpoint).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"resource {resourceName} is missing from {typeof(PageEndpoint).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
