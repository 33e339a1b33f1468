using Microsoft.Extensions.Hosting;
using Mnist.Serving;

namespace Mnist.Trainer.Commands;

/// <summary><c>mnist serve</c>: serve a saved model over HTTP (API, drawing page, OpenAPI) until Ctrl+C.</summary>
public static class ServeCommand
{
    private static readonly Option<string> UrlsOption = new("--urls")
    {
        Description = $"Where to listen, ';'-separated [default: {MnistServerOptions.Defaults.Urls}]",
        HelpName = "URLS",
        DefaultValueFactory = _ => MnistServerOptions.Defaults.Urls,
    };

    private static readonly Option<string> AllowedHostsOption = new("--allowed-hosts")
    {
        Description = "Host names a request's Host header may name, ';'-separated, '*' for any [default: the names of the --urls addresses]",
        HelpName = "HOSTS",
    };

    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("serve", "Serve a saved model over HTTP: a page to draw digits on, POST /predict, /predict/batch, GET /model, /health")
        {
            CommonOptions.ModelOption,
            UrlsOption,
            AllowedHostsOption,
        };
        command.SetAction((result, ct) => ServeAsync(result.GetValue(CommonOptions.ModelOption)!, result.GetValue(UrlsOption)!, console, ct,
            result.GetValue(AllowedHostsOption)));
        return command;
    }

    /// <summary>Loads the model, listens on <paramref name="urls"/>, and stops gracefully (requests in flight finish,
    /// uploads within <see cref="MnistServerOptions.ShutdownGrace"/>) when <paramref name="ct"/> is cancelled; returns
    /// <see cref="ExitCodes.Cancelled"/> then, as every interrupted command does.</summary>
    public static async Task<int> ServeAsync(string modelPath, string urls, IAnsiConsole console, CancellationToken ct, string? allowedHosts = null)
    {
        return await CommandFailures.RunAsync(console, ct, async () =>
        {
            try
            {
                var options = new MnistServerOptions
                {
                    ModelPath = modelPath,
                    Urls = urls,
                    AllowedHosts = allowedHosts?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                };
                await using var app = MnistServer.Create(options);
                await app.StartAsync(ct);
                console.Profile.Out.Writer.WriteLine($"Serving {Path.GetFullPath(modelPath)} on {string.Join(", ", MnistServer.Addresses(app))} " +
                                  $"(page at /, API description at {MnistServer.OpenApiPath}); Ctrl+C stops");
                await app.WaitForShutdownAsync(ct);
                console.WriteLine("stopped");
                return ct.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                console.WriteLine("stopped");
                return ExitCodes.Cancelled;
            }
        });
    }
}
