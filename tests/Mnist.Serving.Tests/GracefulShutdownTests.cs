using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Mnist.Serving.Tests;

[Collection(ServedModelCollection.Name)]
public class GracefulShutdownTests(ServedModelFiles models)
{
    [Fact]
    public async Task Stop_RequestInFlight_IsAnsweredBeforeTheServerStops()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath);
        var (body, sending) = await HalfThenRest.SendAsync(server.Client, "predict", Json(models.TestImages[0]));

        var stopping = server.App.StopAsync();
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "the server stopped with a request in flight");
        body.SendRest.SetResult();
        var response = await sending;
        await stopping;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetAsync(new Uri(server.Address, "health")));
    }

    [Fact]
    public async Task Stop_UploadNotDoneWithinGrace_ConnectionClosedWithoutAFailureLogged()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath, o => o.ShutdownGrace = TimeSpan.FromMilliseconds(500));
        var (body, sending) = await HalfThenRest.SendAsync(server.Client, "predict", Json(models.TestImages[0]));

        var clock = Stopwatch.StartNew();
        await server.App.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));   // the host's own timeout would be 30 s
        var stopped = clock.Elapsed;
        body.SendRest.TrySetResult();

        await Assert.ThrowsAsync<HttpRequestException>(() => sending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(stopped < TimeSpan.FromSeconds(5), $"stopped after {stopped}");
        Assert.DoesNotContain(server.Logs.Entries, e => e.Exception is not null || e.Level >= LogLevel.Error);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains(" 500 "));
    }

    private static byte[] Json(float[] pixels) => Encoding.UTF8.GetBytes($"{{\"pixels\": [{string.Join(',', pixels)}]}}");
}
