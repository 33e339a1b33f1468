namespace Mnist.Serving.Tests;

/// <summary>Prediction requests beyond the concurrency limit and its queue get 503 with Retry-After; the other
/// endpoints are not limited.</summary>
[Collection(ServedModelCollection.Name)]
public class ConcurrencyLimitTests(ServedModelFiles models)
{
    [Fact]
    public async Task Predict_LimitAndQueueFull_Refused503WithRetryAfter()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath, o =>
        {
            o.MaxConcurrentRequests = 1;
            o.MaxQueuedRequests = 0;
            o.RetryAfter = TimeSpan.FromSeconds(2);
        });
        var json = Encoding.UTF8.GetBytes($"{{\"pixels\": [{string.Join(',', models.TestImages[0])}]}}");
        var (slow, first) = await HalfThenRest.SendAsync(server.Client, "predict", json);

        // The slow request holds the one permit once the server has begun reading it; until then others may pass.
        var refused = await server.PredictAsync(models.TestImages[1]);
        for (int i = 0; i < 50 && refused.IsSuccessStatusCode; i++)
        {
            await Task.Delay(100);
            refused = await server.PredictAsync(models.TestImages[1]);
        }
        var health = await server.Client.GetAsync("health");
        slow.SendRest.SetResult();
        var answered = await first;
        var after = await server.PredictAsync(models.TestImages[1]);

        await Endpoints.BadInputTests.AssertRefusedAsync(refused, 503, "the server is busy");
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.True(health.IsSuccessStatusCode);
        Assert.True(answered.IsSuccessStatusCode);
        Assert.True(after.IsSuccessStatusCode);
    }
}
