using System.Collections.Concurrent;

namespace Mnist.MLNet.Tests.Data.Http;

/// <summary>Records every request an HttpClient sends, then sends it through real sockets.</summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler { MaxAutomaticRedirections = 10 })
{
    public ConcurrentQueue<Uri> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request.RequestUri!);
        return base.SendAsync(request, cancellationToken);
    }
}
