using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Mnist.Serving.Http;

/// <summary>Middleware: a refused request gets its status and <c>{"error": "..."}</c>; anything unexpected is logged
/// and gets a 500 with one line, never a stack trace.</summary>
internal sealed partial class ErrorResponses(RequestDelegate next, ILogger<ErrorResponses> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadInputException e)
        {
            await WriteAsync(context, e.StatusCode, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            await WriteAsync(context, e.StatusCode, e.Message);
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested || ConnectionAborted(e))
        {
            // The client went away, or the server closed the connection (an upload past the shutdown grace): there
            // is nobody to answer, and nothing went wrong here.
        }
        catch (Exception e)
        {
            LogFailed(e, context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "internal error; the server log has the details");
        }
    }

    /// <summary>Answers <paramref name="statusCode"/> with <c>{"error": message}</c> (its first line), unless the
    /// response has already begun.</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        if (context.Response.HasStarted) return;
        // Headers set on the way to the refusal (Allow, Retry-After, Connection) belong to it; a half-built answer does not.
        var keep = context.Response.Headers.Where(h => h.Key is "Allow" or "Retry-After" or "Connection").ToList();
        context.Response.Clear();
        foreach (var (name, value) in keep) context.Response.Headers[name] = value;
        context.Response.StatusCode = statusCode;
        await context.Response.WriteAsJsonAsync(new ErrorResponse(message.Split('\n')[0]), context.RequestAborted);
    }

    // Kestrel's reads throw this (inside a TaskCanceledException) when it aborts a connection, at times before
    // RequestAborted says so.
    private static bool ConnectionAborted(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is ConnectionAbortedException) return true;
        return false;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogFailed(Exception exception, string method, string path);
}
