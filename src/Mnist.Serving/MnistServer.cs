using System.Globalization;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mnist.Serving.Endpoints;
using Mnist.Serving.Http;
using Mnist.Serving.Models;

namespace Mnist.Serving;

/// <summary>Builds the ASP.NET Core app that serves a saved model (digits, a table, or pictures): <c>/</c>, <c>/predict</c>,
/// <c>/predict/batch</c>, <c>/model</c>, <c>/health</c> and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
public static class MnistServer
{
    /// <summary>Where the OpenAPI description of the endpoints is served.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>The rate limiter policy that bounds the single predictions read and scored at once.</summary>
    internal const string ScoringPolicy = "scoring";

    /// <summary>The rate limiter policy that bounds the batches read and scored at once.</summary>
    internal const string BatchPolicy = "batch";

    /// <summary>Builds the app and loads the model, so a missing or damaged model fails here, before anything listens.</summary>
    /// <param name="configure">Last changes to the builder (logging, say).</param>
    /// <exception cref="FileNotFoundException">No such model file.</exception>
    /// <exception cref="MLNet.Scoring.SavedModelException">The file is not a model this server can serve: damaged, not
    /// fitted by Mnist.MLNet (no model card), or neither a model of a table or pictures nor one of 28x28 digits.</exception>
    public static WebApplication Create(MnistServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // The options are the whole configuration: an appsettings.json in the working directory or Kestrel__Endpoints__*
        // variables would otherwise replace the addresses asked for (with one warning line), and could open the server
        // to every interface.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();   // where UseUrls and UseSetting write
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            // The endpoints enforce their own, smaller limits; this is only Kestrel's ceiling for all of them.
            k.Limits.MaxRequestBodySize = Math.Max(options.MaxBodyBytes, options.MaxBatchBodyBytes);
            // Kestrel's own 414 and 431 have empty bodies; RequestHeadLimits refuses at its defaults with {"error"}.
            k.Limits.MaxRequestLineSize = RequestHeadLimits.KestrelTargetCeiling;
            k.Limits.MaxRequestHeadersTotalSize = RequestHeadLimits.KestrelHeaderCeiling;
        });
        // Requests in flight get the grace to finish; then Kestrel closes their connections, so a slow upload cannot
        // hold the stop for the host's default 30 s. (An answer to an upload given up would be lost: closing a
        // connection whose body is unread resets it.)
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownGrace);
        // Requests are logged once each by RequestLog; the framework's own per-request entries would double them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // A failed start is reported by the caller in one line; the host would log it again with its stack.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // Numbers are numbers: the web default also reads "0.5" as 0.5, and would say so in the OpenAPI schemas.
        // Enums by name (task, input column kinds), as the card's own metadata writes them.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new ModelSlot(ServedModel.Load(options.ModelPath)));
        builder.Services.AddSingleton<ModelFileWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelFileWatcher>());
        // The host puts its own host filtering first of all middleware, where its 400 can get no {"error"} body and no
        // log line; it is placed below instead, with the options given here.
        foreach (var filter in builder.Services.Where(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType?.Name == "HostFilteringStartupFilter").ToList())
            builder.Services.Remove(filter);
        builder.Services.AddHostFiltering(h =>
        {
            h.AllowedHosts = AllowedHosts.For(options).ToList();
            h.IncludeFailureMessage = false;   // StatusCodeBodies writes the {"error"} body
        });
        builder.Services.AddRateLimiter(r =>
        {
            r.AddConcurrencyLimiter(ScoringPolicy, c =>
            {
                c.PermitLimit = options.MaxConcurrentRequests;
                c.QueueLimit = options.MaxQueuedRequests;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            r.AddConcurrencyLimiter(BatchPolicy, c =>
            {
                c.PermitLimit = options.MaxConcurrentBatches;
                c.QueueLimit = options.MaxQueuedRequests;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            r.OnRejected = (context, _) => Busy(context.HttpContext, options);
        });
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Title = "Mnist model server";
            // The request schemas follow the model served when the document is asked for.
            CardSchemas.Apply(document, context.ApplicationServices.GetRequiredService<ModelSlot>().Current);
            document.Info.Description = "Predicts with a saved Mnist.MLNet model (digits, table rows or pictures, as its card says); every refusal is {\"error\": \"...\"} " +
                "(400, 404, 405, 413, 414, 415, 431; 503 with Retry-After when busy).";
            return Task.CompletedTask;
        }));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Services.GetRequiredService<ModelSlot>();
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<ErrorResponses>();
        app.UseStatusCodePages(StatusCodeBodies.WriteAsync);
        app.UseHostFiltering();
        app.UseMiddleware<RequestHeadLimits>();
        app.UseRateLimiter();
        app.MapOpenApi();
        PageEndpoint.Map(app);
        PredictEndpoints.Map(app);
        ModelEndpoints.Map(app);
        return app;
    }

    /// <summary>The addresses the started <paramref name="app"/> listens on (the real port when 0 was asked for).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static ValueTask Busy(HttpContext context, MnistServerOptions options)
    {
        int seconds = (int)Math.Ceiling(options.RetryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new ValueTask(ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
            $"the server is busy: as many requests as it scores at once are running and {options.MaxQueuedRequests} more are waiting; retry after {seconds} s"));
    }
}
