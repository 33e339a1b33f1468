using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Mnist.Serving.Tests;

/// <summary>Replacing the model file while requests keep coming: none fails, each replacement is served, a damaged
/// one or one that is not ours is refused with one log line and the model before it stays.</summary>
[Collection(ServedModelCollection.Name)]
public class HotSwapTests(ServedModelFiles models)
{
    [Fact]
    public async Task ReplaceModel_KubernetesSymlinkSwapUnderLoad_SwapsWithoutFailingAndReportsTheTarget()
    {
        // As Kubernetes mounts a volume: model.zip -> ..data/model.zip, ..data -> ..<version>, swapped by a rename.
        var directory = new TempDirectory();
        var first = Version(directory, "..2026_12_01_a", models.FirstPath);
        File.CreateSymbolicLink(directory.Combine("..data"), "..2026_12_01_a");
        File.CreateSymbolicLink(directory.Combine("model.zip"), "..data/model.zip");
        await using var server = await RunningServer.StartAtAsync(directory, directory.Combine("model.zip"));
        var image = models.TestImages[8];
        var before = RunningServer.Probabilities(await RunningServer.JsonAsync(await server.PredictAsync(image)));
        var modelBefore = await RunningServer.JsonAsync(await server.Client.GetAsync("model"));
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await server.PredictAsync(image);
                if (response.IsSuccessStatusCode) continue;
                var failure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                lock (failures) failures.Add(failure);
            }
        })).ToArray();

        var second = Version(directory, "..2026_12_01_b", models.SecondPath);
        var verdict = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Watcher.Reloaded += swapped => verdict.TrySetResult(swapped);
        File.CreateSymbolicLink(directory.Combine("..data_tmp"), "..2026_12_01_b");
        Assert.Equal(0, Rename(directory.Combine("..data_tmp"), directory.Combine("..data")));
        Directory.Delete(Path.GetDirectoryName(first)!, recursive: true);
        Assert.True(await verdict.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        var after = RunningServer.Probabilities(await RunningServer.JsonAsync(await server.PredictAsync(image)));
        var modelAfter = await RunningServer.JsonAsync(await server.Client.GetAsync("model"));
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.NotEqual(before, after, new FloatTolerance(1e-4f));
        Assert.Equal(first, modelBefore.GetProperty("target").GetString());
        Assert.Equal(server.ModelPath, modelAfter.GetProperty("path").GetString());
        Assert.Equal(directory.Combine("..2026_12_01_b/model.zip"), modelAfter.GetProperty("target").GetString());
        Assert.Equal(new FileInfo(second).Length, modelAfter.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(File.GetLastWriteTimeUtc(second), modelAfter.GetProperty("writtenUtc").GetDateTime().ToUniversalTime());
    }

    // A folder holding one version of the model, as Kubernetes writes each version of a volume.
    private static string Version(TempDirectory directory, string name, string model)
    {
        var path = directory.Combine(Path.Combine(name, "model.zip"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(model, path);
        return path;
    }

    // mv -T is rename(2): it atomically replaces the link ..data, as Kubernetes does.
    private static int Rename(string from, string to)
    {
        using var mv = Process.Start("mv", ["-T", from, to]);
        mv.WaitForExit();
        return mv.ExitCode;
    }

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
