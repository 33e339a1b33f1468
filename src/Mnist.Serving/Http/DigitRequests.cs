using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mnist.Serving.Http;

/// <summary>Turns a request body into the features of its digits, by content type.</summary>
/// <remarks>Bodies are taken as sent: a <c>Content-Encoding</c> (gzip, say) gets 415 rather than being decompressed,
/// which would let a small upload inflate past the body limits; JSON is UTF-8, as RFC 8259 requires, so another
/// <c>charset</c> gets 415 rather than being misread.</remarks>
internal static class DigitRequests
{
    /// <summary>The media types <c>POST /predict</c> accepts.</summary>
    public static readonly IReadOnlyList<string> SingleTypes = ["application/json", "image/png", "image/jpeg"];

    /// <summary>One digit from a JSON, PNG or JPEG body.</summary>
    public static async Task<float[]> ReadSingleAsync(HttpRequest request, MnistServerOptions options)
    {
        var mediaType = MediaType(request, SingleTypes);
        var body = await RequestBody.ReadAsync(request, options.MaxBodyBytes);
        return mediaType == "application/json" ? PixelJson.ReadSingle(body) : ImageBody.Read(body, options.MaxImageSide, options.MaxImagePixels);
    }

    /// <summary>The digits of a JSON batch body.</summary>
    public static async Task<IReadOnlyList<float[]>> ReadBatchAsync(HttpRequest request, MnistServerOptions options)
    {
        MediaType(request, ["application/json"]);
        var body = await RequestBody.ReadAsync(request, options.MaxBatchBodyBytes);
        return PixelJson.ReadBatch(body, options.MaxBatchImages);
    }

    // Checked before the body is read, so a wrong upload is refused without reading it.
    private static string MediaType(HttpRequest request, IReadOnlyList<string> accepted)
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
