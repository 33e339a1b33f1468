using Microsoft.Extensions.Logging;

namespace Mnist.Serving.Tests;

/// <summary>Replacing the model file while requests keep coming: none fails, each replacement is served, a damaged
/// one or one that is not ours is refused with one log line and the model before it stays.</summary>
[Collection(ServedModelCollection.Name)]
public class HotSwapTests(ServedModelFiles models)
{
    [Fact]
    public async Task ReplaceModel_UnderLoad_SwapsWithoutFailingARequest()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath);
        var image = models.TestImages[8];
        var first = RunningServer.Probabilities(await RunningServer.JsonAsync(await server.PredictAsync(image)));
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        long answered = 0;
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var response = await server.PredictAsync(image);
                    if (!response.IsSuccessStatusCode)
                    {
                        var text = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                        lock (failures) failures.Add(text);
                    }
                    Interlocked.Increment(ref answered);
                }
                catch (HttpRequestException e)
                {
                    lock (failures) failures.Add(e.Message);
                }
            }
        })).ToArray();

        Assert.True(await server.ReplaceModelAsync(File.ReadAllBytes(models.SecondPath)));
        var second = RunningServer.Probabilities(await RunningServer.JsonAsync(await server.PredictAsync(image)));
        Assert.True(await server.ReplaceModelAsync(File.ReadAllBytes(models.FirstPath)));
        var again = RunningServer.Probabilities(await RunningServer.JsonAsync(await server.PredictAsync(image)));
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.True(answered > 10, $"{answered} requests answered");
        Assert.NotEqual(first, second, new FloatTolerance(1e-4f));
        Assert.Equal(first, again, new FloatTolerance(1e-6f));
        Assert.Equal(2, server.Logs.Entries.Count(e => e.Category.EndsWith("ModelFileWatcher") && e.Level == LogLevel.Information));
    }

    [Fact]
    public async Task ReplaceModel_DamagedFile_RefusedOldKeptOneLogLine()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath);
        var image = models.TestImages[5];
        var before = RunningServer.Probabilities(await RunningServer.JsonAsync(await server.PredictAsync(image)));
        var cardBefore = await RunningServer.JsonAsync(await server.Client.GetAsync("model"));
        var bytes = File.ReadAllBytes(models.SecondPath);

        Assert.False(await server.ReplaceModelAsync(bytes[..(bytes.Length / 2)]));

        var after = RunningServer.Probabilities(await RunningServer.JsonAsync(await server.PredictAsync(image)));
        Assert.Equal(before, after, new FloatTolerance(0));
        var cardAfter = await RunningServer.JsonAsync(await server.Client.GetAsync("model"));
        Assert.Equal(cardBefore.GetProperty("loadedUtc").GetDateTime(), cardAfter.GetProperty("loadedUtc").GetDateTime());
        var refusal = Assert.Single(server.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(server.ModelPath, refusal.Message);
        Assert.Contains("refused", refusal.Message);
        Assert.DoesNotContain('\n', refusal.Message);

        // A good file after the damaged one is served.
        Assert.True(await server.ReplaceModelAsync(bytes));
        var swapped = RunningServer.Probabilities(await RunningServer.JsonAsync(await server.PredictAsync(image)));
        Assert.NotEqual(before, swapped, new FloatTolerance(1e-4f));
    }

    [Fact]
    public async Task ReplaceModel_ModelWithoutCard_RefusedOldKept()
    {
        await using var server = await RunningServer.StartAsync(models.FirstPath);
        var image = models.TestImages[5];
        var before = RunningServer.Probabilities(await RunningServer.JsonAsync(await server.PredictAsync(image)));

        Assert.False(await server.ReplaceModelAsync(File.ReadAllBytes(models.ForeignPath)));

        var after = RunningServer.Probabilities(await RunningServer.JsonAsync(await server.PredictAsync(image)));
        Assert.Equal(before, after, new FloatTolerance(0));
        var refusal = Assert.Single(server.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(server.ModelPath, refusal.Message);
        Assert.Contains("not fitted by Mnist.MLNet", refusal.Message);
        Assert.DoesNotContain('\n', refusal.Message);
    }
}
