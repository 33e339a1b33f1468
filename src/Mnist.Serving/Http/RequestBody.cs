using Microsoft.AspNetCore.Http;

namespace Mnist.Serving.Http;

/// <summary>Reads a request body into memory, never more than a limit.</summary>
internal static class RequestBody
{
    /// <summary>The whole body; <see cref="BadInputException"/> with 413 past <paramref name="limit"/> bytes, 400 when empty.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) throw TooLarge(request.ContentLength.Value, limit);
        // A chunked body has no length up front: count while reading and stop at the first byte past the limit.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) throw TooLarge(null, limit);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits and malformed framing; its status code (413, 400, 408) says which.
            throw new BadInputException(e.Message, e.StatusCode);
        }
        if (buffer.Length == 0) throw new BadInputException("empty body");
        return buffer.ToArray();
    }

    private static BadInputException TooLarge(long? length, long limit) => new(
        $"body {(length is { } n ? $"of {n} bytes " : "")}is over the limit of {limit} bytes", StatusCodes.Status413PayloadTooLarge);
}
