using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Mnist.Serving;
using Spectre.Console;

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

    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("serve", "Serve a saved model over HTTP: a page to draw digits on, POST /predict, /predict/batch, GET /model, /health")
        {
            CommonOptions.ModelOption,
            UrlsOption,
        };
        command.SetAction((result, ct) => ServeAsync(result.GetValue(CommonOptions.ModelOption)!, result.GetValue(UrlsOption)!, console, ct));
        return command;
    }

    /// <summary>Loads the model, listens on <paramref name="urls"/>, and stops gracefully (requests in flight finish)
    /// when <paramref name="ct"/> is cancelled.</summary>
    public static async Task<int> ServeAsync(string modelPath, string urls, IAnsiConsole console, CancellationToken ct)
    {
        return await CommandFailures.RunAsync(console, ct, async () =>
        {
            try
            {
                await using var app = MnistServer.Create(new MnistServerOptions { ModelPath = modelPath, Urls = urls });
                await app.StartAsync(ct);
                console.Profile.Out.Writer.WriteLine($"Serving {Path.GetFullPath(modelPath)} on {string.Join(", ", MnistServer.Addresses(app))} " +
                                  $"(page at /, API description at {MnistServer.OpenApiPath}); Ctrl+C stops");
                await app.WaitForShutdownAsync(ct);
                console.WriteLine("stopped");
                return ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                console.WriteLine("stopped");
                return ExitCodes.Ok;
            }
        });
    }
}
