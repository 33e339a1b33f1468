namespace Mnist.Serving.Http;

/// <summary>Reads a request body into memory, never more than a limit.</summary>
internal static class RequestBody
{
    /// <summary>The whole body; <see cref="BadInputException"/> with 413 past <paramref name="limit"/> bytes, 400 when empty.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit) throw TooLarge(request.ContentLength.Value, limit);
        var reader = request.BodyReader;
        // A chunked body has no length up front: count while reading and stop at the first byte past the limit.
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 0);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(request.HttpContext.RequestAborted);
                if (result.IsCanceled)
                {
                    // Kestrel cancels pending reads of its own (a chunked body, when the server begins to stop): read on.
                    reader.AdvanceTo(result.Buffer.Start);
                    continue;
                }
                if (buffer.Length + result.Buffer.Length > limit) throw TooLarge(null, limit);
                foreach (var segment in result.Buffer) buffer.Write(segment.Span);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted) break;
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
