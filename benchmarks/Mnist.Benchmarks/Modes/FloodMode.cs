using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using SkiaSharp;

namespace Mnist.Benchmarks;

/// <summary>The server's memory and a normal client's latency while other clients flood it with pictures that
/// decode huge (a few hundred bytes claiming 2048x2048) or with full 1,000-image batches; the server runs in a
/// process of its own (<see cref="ServeChildMode"/>), fresh for each flood, so its peak RSS is its own.</summary>
public sealed class FloodMode : IBenchmarkMode
{
    private const double PeakGoalMiB = 600;

    public string Name => "flood";
    public string Summary => "server peak RSS and a normal client's p99 under floods of tiny-but-huge PNGs and full batches (goal: <= 600 MB)";

    private readonly Option<int> _pictures = new("--pictures") { Description = "Tiny PNGs per flooding client", HelpName = "N", DefaultValueFactory = _ => 300 };
    private readonly Option<int> _batches = new("--batches") { Description = "Full batches per flooding client", HelpName = "N", DefaultValueFactory = _ => 4 };

    public IEnumerable<Option> Options => [_pictures, _batches, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output) =>
        RunAsync(args.GetValue(_pictures), args.GetValue(_batches), SharedOptions.DataDirectory(args), output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int pictures, int batches, string data, TextWriter output)
    {
        using var setup = new ScoringModel(data, rows: 5_000);
        var normal = Encoding.UTF8.GetBytes($"{{\"pixels\":[{string.Join(',', setup.Digits[0].Features.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]}}");
        var tinyHuge = BlankPng(2048);
        var batch = Encoding.UTF8.GetBytes("{\"images\":[" + string.Join(',', setup.Digits.Take(1000)
            .Select(d => "[" + string.Join(',', d.Features.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))) + "]")) + "]}");
        output.WriteLine($"flood: server in its own process; tiny PNG {tinyHuge.Length} bytes claiming 2048x2048; batch body {batch.Length >> 10} KiB of 1,000 images; " +
                         $"{Environment.ProcessorCount} cores shared by clients and server");

        var phases = new (string Name, int Clients, int Requests, byte[] Body, string Path, string Type)[]
        {
            ("no flood (baseline)", 0, 0, [], "", ""),
            ($"8 clients x {pictures} tiny PNGs", 8, pictures, tinyHuge, "predict", "image/png"),
            ($"32 clients x {pictures} tiny PNGs", 32, pictures, tinyHuge, "predict", "image/png"),
            ($"32 clients x {batches} full batches", 32, batches, batch, "predict/batch", "application/json"),
        };
        var table = new Table("flood", "flood answers", "normal calls", "normal failed", "normal p50 ms", "normal p99 ms", "server peak RSS MiB");
        bool met = true;
        foreach (var phase in phases)
        {
            using var child = StartServer(setup.ZipPath, out var address);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = phase.Clients + 1 }) { BaseAddress = address };
            await NormalClientAsync(http, normal, Task.Delay(2000));   // warm-up: JIT, engines, connection
            var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
            var flooding = Task.WhenAll(Enumerable.Range(0, phase.Clients).Select(_ => Task.Run(async () =>
            {
                for (int i = 0; i < phase.Requests; i++)
                {
                    using var content = new ByteArrayContent(phase.Body);
                    content.Headers.ContentType = new MediaTypeHeaderValue(phase.Type);
                    using var response = await http.PostAsync(phase.Path, content);
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                }
            })));
            var (latencies, failed) = await NormalClientAsync(http, normal, phase.Clients == 0 ? Task.Delay(5000) : flooding);
            await flooding;
            double peak = StopServer(child);
            met &= peak <= PeakGoalMiB && failed == 0;
            table.Add(phase.Name, string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value}x{s.Key}")), latencies.Length, failed,
                LoadRun.Percentile(latencies, 0.5), LoadRun.Percentile(latencies, 0.99), peak.ToString("F0", CultureInfo.InvariantCulture));
            output.WriteLine($"{phase.Name}: server peak RSS {peak:F0} MiB");
            output.Flush();
        }
        table.Write(output);
        output.WriteLine($"goal: server peak RSS <= {PeakGoalMiB} MiB and no normal request failed: {(met ? "met" : "MISSED")}");
        return met ? ExitCodes.Success : ExitCodes.Failed;
    }

    // One client scoring normal digits one after another until the flood is over.
    private static async Task<(double[] LatencyMs, int Failed)> NormalClientAsync(HttpClient http, byte[] body, Task until)
    {
        var latencies = new List<double>();
        int failed = 0;
        do
        {
            long start = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync("predict", content);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (!response.IsSuccessStatusCode) failed++;
        }
        while (!until.IsCompleted);
        return ([.. latencies], failed);
    }

    private static Process StartServer(string model, out Uri address)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in new[] { "serve-child", "--model", model }) start.ArgumentList.Add(a);
        var child = Process.Start(start)!;
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null && !line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
        }
        address = new Uri((line ?? throw new InvalidOperationException("the server process ended before listening")).Split(' ')[1]);
        return child;
    }

    private static double StopServer(Process child)
    {
        child.StandardInput.Close();
        string? line;
        double peak = double.NaN;
        while ((line = child.StandardOutput.ReadLine()) is not null)
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                peak = double.Parse(line.Split(' ')[1].Split('=')[1], CultureInfo.InvariantCulture);
        child.WaitForExit();
        return peak;
    }

    private static byte[] BlankPng(int side)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Gray8, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.White);
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
