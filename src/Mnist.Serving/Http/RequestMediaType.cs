using Microsoft.Net.Http.Headers;

namespace Mnist.Serving.Http;

/// <summary>Checks a request's content type and encoding before its body is read, so a wrong upload is refused
/// without reading it.</summary>
/// <remarks>Bodies are taken as sent: a <c>Content-Encoding</c> (gzip, say) gets 415 rather than being decompressed,
/// which would let a small upload inflate past the body limits; JSON is UTF-8, as RFC 8259 requires, so another
/// <c>charset</c> gets 415 rather than being misread.</remarks>
internal static class RequestMediaType
{
    /// <summary>Which of <paramref name="accepted"/> the request's <c>Content-Type</c> is; 415 when none.</summary>
    public static string Check(HttpRequest request, IReadOnlyList<string> accepted)
    {
        if (request.Headers.ContentEncoding is { Count: > 0 } encoding && !string.Equals(encoding.ToString(), "identity", StringComparison.OrdinalIgnoreCase))
            throw new BadInputException($"Content-Encoding {encoding} is not accepted, send the body uncompressed", StatusCodes.Status415UnsupportedMediaType);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var header) || header.MediaType.Value is not { } type)
            throw new BadInputException($"no Content-Type, expected one of {string.Join(", ", accepted)}", StatusCodes.Status415UnsupportedMediaType);
        var match = accepted.FirstOrDefault(a => string.Equals(a, type, StringComparison.OrdinalIgnoreCase));
        // image/jpg is not registered but common enough to take as JPEG.
        if (match is null && string.Equals(type, "image/jpg", StringComparison.OrdinalIgnoreCase) && accepted.Contains("image/jpeg")) match = "image/jpeg";
        if (match is null)
            throw new BadInputException($"Content-Type {type} is not accepted, expected one of {string.Join(", ", accepted)}", StatusCodes.Status415UnsupportedMediaType);
        if (match == "application/json" && header.Charset.HasValue
            && !header.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !header.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            throw new BadInputException($"charset {header.Charset} is not accepted, send JSON as UTF-8", StatusCodes.Status415UnsupportedMediaType);
        return match;
    }
}
