namespace Mnist.Serving.Http;

/// <summary>A request the server refuses: <see cref="StatusCode"/> is 400, 413 or 415 and the message is the one
/// line the client reads in <c>{"error": ...}</c>.</summary>
public sealed class BadInputException(string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    /// <summary>The HTTP status the response carries.</summary>
    public int StatusCode { get; } = statusCode;
}
