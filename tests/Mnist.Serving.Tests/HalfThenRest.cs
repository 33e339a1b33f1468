using System.Net;

namespace Mnist.Serving.Tests;

/// <summary>A JSON body sent in two parts, the second only when the test says so: a slow upload.</summary>
internal sealed class HalfThenRest : HttpContent
{
    private readonly byte[] _bytes;
    private readonly TaskCompletionSource _firstHalfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HalfThenRest(byte[] bytes)
    {
        _bytes = bytes;
        Headers.ContentType = new("application/json");
    }

    public Task FirstHalfSent => _firstHalfSent.Task;

    public TaskCompletionSource SendRest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>POSTs <paramref name="json"/> to <paramref name="path"/> chunked; returns once the first half is sent.</summary>
    public static async Task<(HalfThenRest Body, Task<HttpResponseMessage> Response)> SendAsync(HttpClient client, string path, byte[] json)
    {
        var body = new HalfThenRest(json);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.TransferEncodingChunked = true;
        var response = client.SendAsync(request);
        await body.FirstHalfSent.WaitAsync(TimeSpan.FromSeconds(10));
        return (body, response);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_bytes.AsMemory(0, _bytes.Length / 2));
        await stream.FlushAsync();
        _firstHalfSent.SetResult();
        await SendRest.Task;
        await stream.WriteAsync(_bytes.AsMemory(_bytes.Length / 2));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
