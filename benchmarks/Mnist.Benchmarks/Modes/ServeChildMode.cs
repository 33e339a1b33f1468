using Microsoft.Extensions.Logging;
using Mnist.Serving;

namespace Mnist.Benchmarks;

/// <summary>The server alone in its own process, so its memory can be read apart from its clients': prints
/// <c>LISTENING url</c>, serves until its standard input closes, then prints <c>RESULT peak_rss_mib=...</c>.</summary>
public sealed class ServeChildMode : IBenchmarkMode
{
    public string Name => "serve-child";
    public string Summary => "(internal) the server in a process of its own";
    public bool Hidden => true;

    private readonly Option<string> _model = new("--model") { Description = "Model zip", Required = true };

    public IEnumerable<Option> Options => [_model];

    public int Run(ParseResult args, TextWriter output) => RunAsync(args.GetValue(_model)!, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string model, TextWriter output)
    {
        await using var app = MnistServer.Create(new MnistServerOptions { ModelPath = model, Urls = "http://127.0.0.1:0" },
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        output.WriteLine($"LISTENING {MnistServer.Addresses(app).Single()} rss_mib={ProcessMemory.Read().RssMiB:F0}");
        output.Flush();
        while (await Console.In.ReadLineAsync() is not null)
        {
        }
        var memory = ProcessMemory.Read();
        output.WriteLine(FormattableString.Invariant($"RESULT peak_rss_mib={memory.PeakRssMiB:F1} rss_mib={memory.RssMiB:F1}"));
        output.Flush();
        await app.StopAsync();
        return ExitCodes.Success;
    }
}
