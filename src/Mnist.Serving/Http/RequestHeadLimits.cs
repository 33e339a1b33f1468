using Microsoft.AspNetCore.Http.Features;

namespace Mnist.Serving.Http;

/// <summary>Middleware: a request target over <see cref="MaxTargetBytes"/> gets 414 and headers over
/// <see cref="MaxHeaderBytes"/> get 431, each with <c>{"error": ...}</c>.</summary>
/// <remarks>These are Kestrel's default limits. Kestrel answers its own refusals before any application code runs,
/// with an empty body that cannot be changed, so its ceilings are raised to <see cref="KestrelTargetCeiling"/> and
/// <see cref="KestrelHeaderCeiling"/> and the usual limits are enforced here instead.</remarks>
internal sealed class RequestHeadLimits(RequestDelegate next)
{
    /// <summary>8 KiB of request target (path and query).</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>32 KiB of headers, names and values together.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>What Kestrel itself reads of a request line; longer ones get its empty 414.</summary>
    public const int KestrelTargetCeiling = 64 * 1024;

    /// <summary>What Kestrel itself reads of the headers; more gets its empty 431.</summary>
    public const int KestrelHeaderCeiling = 128 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        if (target.Length > MaxTargetBytes)
            throw new BadInputException($"request target of {target.Length} bytes is over the limit of {MaxTargetBytes}", StatusCodes.Status414UriTooLong);
        long headerBytes = 0;
        foreach (var (name, values) in context.Request.Headers)
            foreach (var value in values)
                headerBytes += name.Length + (value?.Length ?? 0) + 4;   // "name: value\r\n"
        if (headerBytes > MaxHeaderBytes)
            throw new BadInputException($"headers of {headerBytes} bytes are over the limit of {MaxHeaderBytes}", StatusCodes.Status431RequestHeaderFieldsTooLarge);
        return next(context);
    }
}
