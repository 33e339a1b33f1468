using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Mnist.Serving.Http;

/// <summary>Middleware: one structured log entry per request (method, path, status, milliseconds, bytes read).</summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            LogRequest(context.Request.Method, context.Request.Path, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(start).TotalMilliseconds, context.Request.ContentLength ?? 0);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "{Method} {Path} {StatusCode} {ElapsedMilliseconds:0.000} ms ({RequestBytes} bytes in)")]
    private partial void LogRequest(string method, string path, int statusCode, double elapsedMilliseconds, long requestBytes);
}
