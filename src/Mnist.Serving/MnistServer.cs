using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mnist.Serving.Endpoints;
using Mnist.Serving.Http;
using Mnist.Serving.Models;

namespace Mnist.Serving;

/// <summary>Builds the ASP.NET Core app that serves a saved MNIST model: <c>/</c>, <c>/predict</c>,
/// <c>/predict/batch</c>, <c>/model</c>, <c>/health</c> and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
public static class MnistServer
{
    /// <summary>Where the OpenAPI description of the endpoints is served.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Builds the app and loads the model, so a missing or damaged model fails here, before anything listens.</summary>
    /// <param name="configure">Last changes to the builder (logging, say).</param>
    /// <exception cref="FileNotFoundException">No such model file.</exception>
    /// <exception cref="MLNet.Scoring.SavedModelException">The file is not a model this server can serve: damaged, not
    /// fitted by Mnist.MLNet (no model card), or not one of 28x28 digits.</exception>
    public static WebApplication Create(MnistServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        // The endpoints enforce their own, smaller limits; this is only Kestrel's ceiling for all of them.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.MaxBodyBytes, options.MaxBatchBodyBytes));
        // Requests are logged once each by RequestLog; the framework's own per-request entries would double them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // A failed start is reported by the caller in one line; the host would log it again with its stack.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // Numbers are numbers: the web default also reads "0.5" as 0.5, and would say so in the OpenAPI schemas.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new ModelSlot(ServedModel.Load(options.ModelPath)));
        builder.Services.AddSingleton<ModelFileWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelFileWatcher>());
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "MNIST digit server";
            document.Info.Description = "Predicts handwritten digits with a saved ML.NET model; every refusal is {\"error\": \"...\"} with 400, 413 or 415.";
            return Task.CompletedTask;
        }));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Services.GetRequiredService<ModelSlot>();
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<ErrorResponses>();
        app.MapOpenApi();
        PageEndpoint.Map(app);
        PredictEndpoints.Map(app);
        ModelEndpoints.Map(app);
        return app;
    }

    /// <summary>The addresses the started <paramref name="app"/> listens on (the real port when 0 was asked for).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
