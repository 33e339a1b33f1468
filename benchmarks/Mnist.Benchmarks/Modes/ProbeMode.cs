using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Logging;
using Mnist.Serving;
using SkiaSharp;

namespace Mnist.Benchmarks;

/// <summary>Probes <c>mnist serve</c> as an attacker would: malformed, oversized, mislabelled and hostile requests
/// over bare sockets, each with the answer it must get; prints the status each got and fails on any 500 or any
/// refusal without an <c>{"error"}</c> body.</summary>
public sealed class ProbeMode : IBenchmarkMode
{
    public string Name => "probe";
    public string Summary => "malformed and hostile requests against the server on loopback: a table of status codes, 0 x 500 expected";

    public IEnumerable<Option> Options => [SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output) => RunAsync(SharedOptions.DataDirectory(args), output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string data, TextWriter output)
    {
        using var setup = new ScoringModel(data, rows: 5_000);
        await using var app = MnistServer.Create(new MnistServerOptions { ModelPath = setup.ZipPath, Urls = "http://127.0.0.1:0" },
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var server = new Uri(MnistServer.Addresses(app).Single());
        var host = $"127.0.0.1:{server.Port}";
        output.WriteLine($"probe: {Probes(host, setup.Digits[0].Features).Count()} requests against {server}");

        var table = new Table("probe", "expected", "status", "{\"error\"}", "ms");
        int failures = 0, fiveHundreds = 0;
        foreach (var (name, expected, request) in Probes(host, setup.Digits[0].Features))
        {
            var answer = await RawHttp.SendAsync(server, request, TimeSpan.FromSeconds(10));
            bool hasError = answer.Body.Contains("{\"error\":", StringComparison.Ordinal);
            bool ok = answer.Status == expected && (answer.Status < 400 || hasError);
            if (!ok) failures++;
            if (answer.Status >= 500 && answer.Status != 503) fiveHundreds++;
            table.Add(name, expected, answer.Status == 0 ? "none" : answer.Status, answer.Status >= 400 ? (hasError ? "yes" : "NO") : "-",
                answer.Milliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        }
        // Kestrel refuses these itself before any application code runs, with an empty body that cannot be changed.
        foreach (var (name, expected, request) in KestrelProbes(host))
        {
            var answer = await RawHttp.SendAsync(server, request, TimeSpan.FromSeconds(10));
            if (answer.Status != expected) failures++;
            if (answer.Status >= 500 && answer.Status != 503) fiveHundreds++;
            table.Add(name, expected, answer.Status == 0 ? "none" : answer.Status, "n/a: Kestrel's own",
                answer.Milliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        }
        // Where the model lives is for /model, not for health checks.
        var health = await RawHttp.SendAsync(server, RawHttp.Request("GET", "/health", host), TimeSpan.FromSeconds(10));
        bool healthDiscloses = health.Body.Contains(Path.GetDirectoryName(setup.ZipPath)!, StringComparison.Ordinal);
        table.Write(output);
        output.WriteLine($"500s: {fiveHundreds}; answers not as expected: {failures}; /health discloses the model's path: {(healthDiscloses ? "yes" : "no")}");
        return fiveHundreds == 0 && failures == 0 && !healthDiscloses ? ExitCodes.Success : ExitCodes.Failed;
    }

    // (name, expected status, the request's bytes)
    private static IEnumerable<(string Name, int Expected, byte[] Request)> Probes(string host, float[] digit)
    {
        string zeros = string.Join(',', Enumerable.Repeat("0", 784));
        string pixels = string.Join(',', digit.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
        byte[] Post(string path, string type, byte[] body, params (string, string)[] headers) =>
            RawHttp.Request("POST", path, host, [("Content-Type", type), .. headers], body);

        yield return ("JSON digit", 200, Post("/predict", "application/json", Json($"{{\"pixels\":[{pixels}]}}")));
        yield return ("PNG digit", 200, Post("/predict", "image/png", Picture(SKEncodedImageFormat.Png, 280)));
        var tinyHuge = Picture(SKEncodedImageFormat.Png, 2048);
        yield return ($"PNG of {tinyHuge.Length} bytes claiming 2048x2048", 413, Post("/predict", "image/png", tinyHuge));
        yield return ("lone surrogate key, /predict", 400, Post("/predict", "application/json", Json("{\"\\ud800x\":1}")));
        yield return ("lone surrogate key, /predict/batch", 400, Post("/predict/batch", "application/json", Json("{\"\\ud800x\":1}")));
        yield return ("GIF sent as image/png", 415, Post("/predict", "image/png", [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 0x3B]));
        yield return ("BMP sent as image/png", 415, Post("/predict", "image/png", [.. "BM"u8, .. new byte[64]]));
        yield return ("WebP sent as image/png", 415, Post("/predict", "image/png", Picture(SKEncodedImageFormat.Webp, 28)));
        yield return ("ICO sent as image/png", 415, Post("/predict", "image/png", [0, 0, 1, 0, 1, 0, 16, 16, .. new byte[64]]));
        yield return ("116 random bytes (WBMP) as image/png", 415, Post("/predict", "image/png", [0, .. RandomBytes(115)]));
        yield return ("JPEG sent as image/png", 200, Post("/predict", "image/png", Picture(SKEncodedImageFormat.Jpeg, 280)));
        yield return ("Host evil.example:666, OpenAPI", 400, RawHttp.Request("GET", "/openapi/v1.json", "evil.example:666"));
        yield return ("Host evil.example, /model", 400, RawHttp.Request("GET", "/model", "evil.example"));
        yield return ("Host localhost, /model", 200, RawHttp.Request("GET", "/model", "localhost"));
        yield return ("no such endpoint", 404, RawHttp.Request("GET", "/admin", host));
        yield return ("GET /predict", 405, RawHttp.Request("GET", "/predict", host));
        yield return ("DELETE /model", 405, RawHttp.Request("DELETE", "/model", host));
        yield return ("9 KiB target", 414, RawHttp.Request("GET", "/health?q=" + new string('a', 9 * 1024), host));
        yield return ("40 KiB of headers", 431, RawHttp.Request("GET", "/health", host, Enumerable.Range(0, 5).Select(i => ($"X-Pad-{i}", new string('a', 8000)))));
        yield return ("bad chunked framing", 400, [.. Encoding.ASCII.GetBytes($"POST /predict HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n")]);
        yield return ("4,000,000 numbers in one image", 400, Post("/predict/batch", "application/json", Json("{\"images\":[[" + string.Join(',', Enumerable.Repeat("0", 4_000_000)) + "]]}")));
        yield return ("5,000 images of 784 zeros", 413, Post("/predict/batch", "application/json", Json("{\"images\":[" + string.Join(',', Enumerable.Repeat($"[{zeros}]", 5_000)) + "]}")));
        yield return ("UTF-8 byte-order mark", 200, Post("/predict", "application/json", [0xEF, 0xBB, 0xBF, .. Json($"{{\"pixels\":[{pixels}]}}")]));
        yield return ("charset=utf-16", 415, Post("/predict", "application/json; charset=utf-16", Encoding.Unicode.GetBytes($"{{\"pixels\":[{zeros}]}}")));
        yield return ("Content-Encoding: gzip", 415, Post("/predict", "application/json", Gzip(Json($"{{\"pixels\":[{zeros}]}}")), ("Content-Encoding", "gzip")));
        yield return ("duplicate key", 400, Post("/predict", "application/json", Json($"{{\"pixels\":[{zeros}],\"pixels\":[{zeros}]}}")));
        yield return ("malformed JSON", 400, Post("/predict", "application/json", Json("{\"pixels\": [1, 2,")));
        yield return ("NaN", 400, Post("/predict", "application/json", Json("{\"pixels\": [NaN]}")));
        yield return ("1e400", 400, Post("/predict", "application/json", Json($"{{\"pixels\": [1e400,{zeros[2..]}]}}")));
        yield return ("nesting 64 deep", 400, Post("/predict", "application/json", Json(new string('[', 64) + new string(']', 64))));
        yield return ("text/csv", 415, Post("/predict", "text/csv", Json(zeros)));
        yield return ("no Content-Type", 415, RawHttp.Request("POST", "/predict", host, body: Json(zeros)));
        yield return ("empty body", 400, Post("/predict", "application/json", []));
        yield return ("2 MiB body", 413, Post("/predict", "image/png", new byte[2 << 20]));
        yield return ("truncated PNG", 400, Post("/predict", "image/png", Picture(SKEncodedImageFormat.Png, 280)[..200]));
    }

    private static IEnumerable<(string Name, int Expected, byte[] Request)> KestrelProbes(string host)
    {
        yield return ("malformed request line", 400, "GARBAGE\r\n\r\n"u8.ToArray());
        yield return ("header line without a colon", 400, Encoding.ASCII.GetBytes($"GET /health HTTP/1.1\r\nHost: {host}\r\nNoColonHere\r\nConnection: close\r\n\r\n"));
        yield return ("70 KiB target (past Kestrel's ceiling)", 414, RawHttp.Request("GET", "/health?q=" + new string('a', 70 * 1024), host));
    }

    private static byte[] Picture(SKEncodedImageFormat format, int side)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Gray8, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.White);
        using var canvas = new SKCanvas(bitmap);
        using var ink = new SKPaint { Color = SKColors.Black, StrokeWidth = side / 10f, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(side / 2f, side / 5f, side / 2f, side * 4 / 5f, ink);   // a "1"
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return zipped.ToArray();
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(116).NextBytes(bytes);
        return bytes;
    }
}
