using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mnist.Serving.Http;

/// <summary>Turns a request body into the features of its digits, by content type.</summary>
internal static class DigitRequests
{
    /// <summary>The media types <c>POST /predict</c> accepts.</summary>
    public static readonly IReadOnlyList<string> SingleTypes = ["application/json", "image/png", "image/jpeg"];

    /// <summary>One digit from a JSON, PNG or JPEG body.</summary>
    public static async Task<float[]> ReadSingleAsync(HttpRequest request, MnistServerOptions options, CancellationToken ct)
    {
        var mediaType = MediaType(request, SingleTypes);
        var body = await RequestBody.ReadAsync(request, options.MaxBodyBytes, ct);
        return mediaType == "application/json" ? PixelJson.ReadSingle(body) : ImageBody.Read(body, options.MaxImageSide);
    }

    /// <summary>The digits of a JSON batch body.</summary>
    public static async Task<IReadOnlyList<float[]>> ReadBatchAsync(HttpRequest request, MnistServerOptions options, CancellationToken ct)
    {
        MediaType(request, ["application/json"]);
        var body = await RequestBody.ReadAsync(request, options.MaxBatchBodyBytes, ct);
        return PixelJson.ReadBatch(body, options.MaxBatchImages);
    }

    // Checked before the body is read, so a wrong upload is refused without reading it.
    private static string MediaType(HttpRequest request, IReadOnlyList<string> accepted)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var header) || header.MediaType.Value is not { } type)
            throw new BadInputException($"no Content-Type, expected one of {string.Join(", ", accepted)}", StatusCodes.Status415UnsupportedMediaType);
        var match = accepted.FirstOrDefault(a => string.Equals(a, type, StringComparison.OrdinalIgnoreCase));
        // image/jpg is not registered but common enough to take as JPEG.
        if (match is null && string.Equals(type, "image/jpg", StringComparison.OrdinalIgnoreCase) && accepted.Contains("image/jpeg")) match = "image/jpeg";
        return match ?? throw new BadInputException($"Content-Type {type} is not accepted, expected one of {string.Join(", ", accepted)}",
            StatusCodes.Status415UnsupportedMediaType);
    }
}
