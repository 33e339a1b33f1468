using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mnist.Serving;
using Mnist.Serving.Models;

namespace Mnist.Benchmarks;

/// <summary>Serving under load: concurrent clients POST single images to <c>mnist serve</c>'s <c>/predict</c> on
/// loopback while the model file is replaced twice, against the same predictions through
/// <see cref="PooledPredictionEngine{TSrc, TDst}"/> in process.</summary>
/// <remarks>Clients and server share the machine's cores, as on a one-box deployment; request logging is off
/// (Warning level), since writing 80,000 console lines would measure the terminal.</remarks>
public sealed class ServeMode : IBenchmarkMode
{
    public string Name => "serve";
    public string Summary => "clients x requests POST /predict on loopback, model replaced twice; vs PooledPredictionEngine in process";

    private readonly Option<int> _clients = new("--clients") { Description = "Concurrent clients", HelpName = "N", DefaultValueFactory = _ => 8 };
    private readonly Option<int> _requests = new("--requests") { Description = "Requests per client", HelpName = "N", DefaultValueFactory = _ => 10_000 };

    public IEnumerable<Option> Options => [_clients, _requests, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output) =>
        RunAsync(args.GetValue(_clients), args.GetValue(_requests), SharedOptions.DataDirectory(args), output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int clients, int requests, string data, TextWriter output)
    {
        using var setup = new ScoringModel(data);
        using var directory = new TempFolder();
        var served = Path.Combine(directory.Path, "model.zip");
        File.Copy(setup.ZipPath, served);
        // The replacement: another seed on fewer rows, so a swap changes the answers, not only the file.
        var replacementPath = Path.Combine(directory.Path, "replacement.zip");
        using (var replacement = MlpTraining.Fit(data, new MlpTrainer.Options { MaxEpoch = 1, Seed = 2 }, rows: 10_000))
            setup.MLContext.Model.SaveAtomically(replacement, setup.Test.Schema, replacementPath);
        byte[][] files = [File.ReadAllBytes(replacementPath), File.ReadAllBytes(setup.ZipPath)];
        var bodies = setup.Digits.Select(d => Encoding.UTF8.GetBytes($"{{\"pixels\":[{string.Join(',', d.Features.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}]}}")).ToArray();
        output.WriteLine($"serve: {clients} clients x {requests} single predictions, 784-512-256-10 model, {Environment.ProcessorCount} cores shared by clients and server");
        output.WriteLine($"load average before: {LoadAverage()}");

        await using var app = MnistServer.Create(new MnistServerOptions { ModelPath = served, Urls = "http://127.0.0.1:0" },
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var watcher = app.Services.GetRequiredService<ModelFileWatcher>();
        int swapped = 0, refused = 0;
        watcher.Reloaded += ok => { if (ok) Interlocked.Increment(ref swapped); else Interlocked.Increment(ref refused); };
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients })
        { BaseAddress = new Uri(MnistServer.Addresses(app).Single()) };

        async Task<string?> Post(int client, int i)
        {
            using var content = new ByteArrayContent(bodies[(client * 997 + i) % bodies.Length]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync("predict", content);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        await new LoadRun(clients, 250).RunAsync(Post);   // warm-up: connections, JIT, engines
        var run = new LoadRun(clients, requests);
        var replacing = ReplaceDuringAsync(run, served, files);
        var (httpUs, httpWall) = await run.RunAsync(Post);
        await replacing;
        await Task.Delay(500);   // a last reload, if one was still settling, reports before the count is read

        var mlContext = new MLContext();
        using var pool = new PooledPredictionEngine<MnistImage, MnistPrediction>(mlContext, mlContext.Model.LoadChecked(setup.ZipPath, out _));
        Task<string?> Local(int client, int i)
        {
            pool.Predict(setup.Digits[(client * 997 + i) % setup.Digits.Length]);
            return Task.FromResult<string?>(null);
        }
        await new LoadRun(clients, 250).RunAsync(Local);
        var (localUs, localWall) = await new LoadRun(clients, requests).RunAsync(Local);

        double httpRate = run.Total / httpWall.TotalSeconds, localRate = run.Total / localWall.TotalSeconds;
        var table = new Table("path", "calls", "errors", "calls/s", "p50 ms", "p99 ms", "in process / this (calls/s)");
        table.Add("POST /predict (JSON, loopback)", run.Total, run.Failed, httpRate.ToString("F0"),
            LoadRun.Percentile(httpUs, 0.5) / 1000, LoadRun.Percentile(httpUs, 0.99) / 1000, localRate / httpRate);
        table.Add("PooledPredictionEngine.Predict", run.Total, 0, localRate.ToString("F0"),
            LoadRun.Percentile(localUs, 0.5) / 1000, LoadRun.Percentile(localUs, 0.99) / 1000, 1.0);
        table.Write(output);
        output.WriteLine($"model file replaced {files.Length} times during the HTTP run: {swapped} swapped in, {refused} refused; " +
                         $"failed requests: {run.Failed}");
        foreach (var failure in run.FirstFailures) output.WriteLine($"  failure: {failure}");
        output.WriteLine($"load average after: {LoadAverage()}");
        return run.Failed == 0 && swapped == files.Length ? ExitCodes.Success : ExitCodes.Failed;
    }

    // Replaces the served file at a third and at two thirds of the run, as our saves do (temporary file, rename).
    private static async Task ReplaceDuringAsync(LoadRun run, string served, byte[][] files)
    {
        for (int i = 0; i < files.Length; i++)
        {
            long at = run.Total * (i + 1) / (files.Length + 1);
            while (run.Completed < at) await Task.Delay(5);
            AtomicFile.Write(served, files[i]);
        }
    }

    // Other processes on the machine move these figures a lot; the report says how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("mnist-serve-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
