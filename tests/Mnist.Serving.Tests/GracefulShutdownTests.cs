using System.Net;
using System.Text;

namespace Mnist.Serving.Tests;

[Collection(ServedModelCollection.Name)]
public class GracefulShutdownTests(ServedModelFiles models)
{
    [Fact]
    public async Task Stop_RequestInFlight_IsAnsweredBeforeTheServerStops()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath);
        var json = Encoding.UTF8.GetBytes($"{{\"pixels\": [{string.Join(',', models.TestImages[0])}]}}");
        var body = new HalfThenRest(json);
        var request = new HttpRequestMessage(HttpMethod.Post, "predict") { Content = body };
        request.Headers.TransferEncodingChunked = true;
        var sending = server.Client.SendAsync(request);
        await body.FirstHalfSent.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = server.App.StopAsync();
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "the server stopped with a request in flight");
        body.SendRest.SetResult();
        var response = await sending;
        await stopping;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetAsync(new Uri(server.Address, "health")));
    }

    /// <summary>A JSON body sent in two parts, the second only when the test says so.</summary>
    private sealed class HalfThenRest : HttpContent
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
}
