using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mnist.MLNet.Tests.Data.Http;

/// <summary>A tiny real HTTP/1.1 server on 127.0.0.1 whose handler writes raw responses, so tests can cut, stall or redirect.</summary>
/// <remarks>One request per connection (<c>Connection: close</c>): enough for HttpClient, and a cut connection stays simple.</remarks>
public sealed class TestHttpServer : IAsyncDisposable
{
    /// <summary>Answers one request; <paramref name="attempt"/> counts the requests for this path so far, from 1.</summary>
    public delegate Task Handler(string path, int attempt, NetworkStream connection, CancellationToken ct);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly Handler _handler;
    private readonly Task _loop;

    public TestHttpServer(Handler handler)
    {
        _handler = handler;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = AcceptLoopAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>Every request path, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>A server that answers each request for a known dataset file with the real file from <see cref="MnistFixture"/>.</summary>
    public static TestHttpServer ServingRealFiles() => new((path, _, connection, ct) => ServeRealFileAsync(connection, path, ct));

    /// <summary>A port nothing listens on: connecting to it is refused.</summary>
    public static Uri ClosedPortUri()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public static Task ServeRealFileAsync(NetworkStream connection, string path, CancellationToken ct, long? cutAfter = null)
    {
        var file = Path.Combine(MnistFixture.Directory, Path.GetFileName(path));
        return File.Exists(file)
            ? WriteBodyAsync(connection, RealBytes(file), ct, cutAfter)
            : WriteStatusAsync(connection, 404, "Not Found", ct);
    }

    public static async Task WriteBodyAsync(NetworkStream connection, byte[] body, CancellationToken ct, long? cutAfter = null)
    {
        await WriteHeadAsync(connection, $"200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}", ct);
        await connection.WriteAsync(body.AsMemory(0, (int)Math.Min(body.Length, cutAfter ?? long.MaxValue)), ct);
    }

    public static Task WriteStatusAsync(NetworkStream connection, int status, string reason, CancellationToken ct, string extraHeaders = "") =>
        WriteHeadAsync(connection, $"{status} {reason}\r\nContent-Length: 0{extraHeaders}", ct);

    /// <summary>Sends headers and a few bytes of a long body, then nothing until the server stops.</summary>
    public static async Task StallAsync(NetworkStream connection, CancellationToken ct)
    {
        await WriteHeadAsync(connection, "200 OK\r\nContent-Length: 1000000", ct);
        await connection.WriteAsync(new byte[100], ct);
        await connection.FlushAsync(ct);
        await Task.Delay(Timeout.Infinite, ct);
    }

    private static async Task WriteHeadAsync(NetworkStream connection, string statusAndHeaders, CancellationToken ct) =>
        await connection.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {statusAndHeaders}\r\nConnection: close\r\n\r\n"), ct);

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new();

    private static byte[] RealBytes(string file) => Cache.GetOrAdd(file, File.ReadAllBytes);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var path = await ReadRequestPathAsync(stream, _stop.Token);
                if (path is null) return;
                Requests.Enqueue(path);
                int attempt = _attempts.AddOrUpdate(path, 1, (_, n) => n + 1);
                await _handler(path, attempt, stream, _stop.Token);
            }
            catch (Exception)
            {
                // The client went away or the server is stopping: either way this connection is done.
            }
        }
    }

    // GET requests carry no body: read up to the blank line that ends the headers.
    private static async Task<string?> ReadRequestPathAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n"))
        {
            if (await stream.ReadAsync(one, ct) == 0) return null;
            head.Append((char)one[0]);
        }
        var requestLine = head.ToString().Split("\r\n")[0].Split(' ');
        return requestLine.Length >= 2 ? requestLine[1] : null;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
