using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Mnist.Serving.Http;

/// <summary>The body of a refusal the framework makes without one (no such endpoint, a method the endpoint does not
/// take, a Host not allowed): <c>{"error": ...}</c> like every other refusal, and <c>Allow</c> on a 405.</summary>
/// <remarks>Runs under <c>UseStatusCodePages</c>, which calls it only for a 4xx/5xx whose body is still empty.</remarks>
internal static class StatusCodeBodies
{
    public static Task WriteAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var request = context.Request;
        string message = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"no endpoint {request.Method} {Shortened(request.Path)}; the API is described at {MnistServer.OpenApiPath}",
            StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(context),
            // The endpoints write their own 400s; an empty one comes from host filtering.
            StatusCodes.Status400BadRequest => "the Host header names a host this server does not answer to",
            var code => ReasonPhrases.GetReasonPhrase(code),
        };
        return ErrorResponses.WriteAsync(context, context.Response.StatusCode, message);
    }

    private static string MethodNotAllowed(HttpContext context)
    {
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        var methods = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => string.Equals("/" + e.RoutePattern.RawText?.Trim('/'), path.Length == 0 ? "/" : path, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct().Order(StringComparer.Ordinal).ToList();
        if (methods.Count > 0) context.Response.Headers.Allow = string.Join(", ", methods);
        return $"method {context.Request.Method} is not allowed on {Shortened(context.Request.Path)}; allowed: {string.Join(", ", methods)}";
    }

    private static string Shortened(PathString path) => path.Value is { Length: > 100 } p ? p[..100] + "..." : path.Value ?? "/";
}
