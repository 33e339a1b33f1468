using System.Net.Sockets;
using System.Text;

namespace Mnist.Benchmarks;

/// <summary>One HTTP/1.1 exchange over a bare socket: the request exactly as written (malformed ones included),
/// the answer's status line, headers and body as received.</summary>
public static class RawHttp
{
    /// <summary>What came back: the status (0 when the connection closed without one), the whole text, the time taken.</summary>
    public sealed record Answer(int Status, string Head, string Body, double Milliseconds);

    /// <summary>A request with <c>Connection: close</c>, so the answer ends with the connection.</summary>
    public static byte[] Request(string method, string target, string host, IEnumerable<(string Name, string Value)>? headers = null, byte[]? body = null)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers ?? []) head.Append($"{name}: {value}\r\n");
        if (body is not null) head.Append($"Content-Length: {body.Length}\r\n");
        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body ?? []];
    }

    public static async Task<Answer> SendAsync(Uri server, byte[] request, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(timeout);
        await tcp.ConnectAsync(server.Host, server.Port, cts.Token);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(request, cts.Token);
        }
        catch (IOException)
        {
            // Refused before the whole request was read: the answer may still be waiting.
        }
        using var received = new MemoryStream();
        // Reads until the server closes the connection (every request asks it to), at most until the timeout.
        try
        {
            await stream.CopyToAsync(received, cts.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // A reset after the answer, or a connection kept open past the timeout: keep what arrived.
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        int status = head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(head.AsSpan(9, 3), out var s) ? s : 0;
        return new Answer(status, head, body, clock.Elapsed.TotalMilliseconds);
    }
}
