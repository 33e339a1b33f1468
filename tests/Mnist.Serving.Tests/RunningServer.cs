using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mnist.Serving.Models;

namespace Mnist.Serving.Tests;

/// <summary>The server on a real Kestrel at 127.0.0.1 (a free port), serving a copy of a model in its own directory,
/// with its log captured and a client pointed at it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private RunningServer(TempDirectory directory, WebApplication app, CapturedLogs logs, string modelPath)
    {
        _directory = directory;
        App = app;
        Logs = logs;
        ModelPath = modelPath;
        Address = new Uri(MnistServer.Addresses(app).Single());
        Client = new HttpClient { BaseAddress = Address };
    }

    public WebApplication App { get; }
    public CapturedLogs Logs { get; }
    public string ModelPath { get; }
    public Uri Address { get; }
    public HttpClient Client { get; }
    public ModelFileWatcher Watcher => App.Services.GetRequiredService<ModelFileWatcher>();

    /// <summary>Starts a server on a copy of <paramref name="modelSource"/>.</summary>
    public static Task<RunningServer> StartAsync(string modelSource, Action<MnistServerOptions>? configure = null)
    {
        var directory = new TempDirectory();
        var modelPath = directory.Combine("model.zip");
        File.Copy(modelSource, modelPath);
        return StartAtAsync(directory, modelPath, configure);
    }

    /// <summary>Starts a server on <paramref name="modelPath"/>, already laid out in <paramref name="directory"/>
    /// (which the server deletes when disposed).</summary>
    public static async Task<RunningServer> StartAtAsync(TempDirectory directory, string modelPath, Action<MnistServerOptions>? configure = null)
    {
        var options = new MnistServerOptions { ModelPath = modelPath, Urls = "http://127.0.0.1:0", ReloadDelay = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(options);
        var logs = new CapturedLogs();
        var app = MnistServer.Create(options, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        return new RunningServer(directory, app, logs, modelPath);
    }

    /// <summary>Replaces the served file as our saves do (a temporary file renamed over it) and waits for the watcher's verdict.</summary>
    public async Task<bool> ReplaceModelAsync(byte[] bytes)
    {
        var verdict = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnReloaded(bool swapped) => verdict.TrySetResult(swapped);
        Watcher.Reloaded += OnReloaded;
        try
        {
            AtomicFile.Write(ModelPath, bytes);
            return await verdict.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Watcher.Reloaded -= OnReloaded;
        }
    }

    /// <summary>POSTs <c>{"pixels": ...}</c> to /predict.</summary>
    public Task<HttpResponseMessage> PredictAsync(float[] pixels, CancellationToken ct = default) =>
        Client.PostAsJsonAsync("predict", new { pixels }, ct);

    /// <summary>The response's JSON, checking its status first.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, int expectedStatus = 200)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"status {(int)response.StatusCode}, expected {expectedStatus}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The digit order probabilities of a prediction response.</summary>
    public static float[] Probabilities(JsonElement prediction) =>
        prediction.GetProperty("probabilities").EnumerateArray().Select(p => p.GetSingle()).ToArray();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _directory.Dispose();
    }
}
