using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mnist.Serving.Models;

/// <summary>Watches the served model file and swaps in each replacement once it has been quiet for
/// <see cref="MnistServerOptions.ReloadDelay"/>; a replacement that does not load is refused with one log line and
/// the current model stays (as does a model that is not ours: one without a model card).</summary>
/// <remarks>Our saves write a temporary file and rename it over the model, so a replacement shows as a rename into
/// the directory; copies written in place show as changes and are tried once they stop changing.</remarks>
public sealed partial class ModelFileWatcher(ModelSlot slot, MnistServerOptions options, ILogger<ModelFileWatcher> logger) : BackgroundService
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private (long Size, DateTime Written) _refused;

    /// <summary>Raised after each reload attempt: true when a new model is served, false when the file was refused.</summary>
    public event Action<bool>? Reloaded;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = Path.GetFullPath(options.ModelPath);
        using var watcher = Watch(path);
        if (watcher is null) return;

        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
            {
                // Let a burst of events (a copy in progress, several renames) settle into one reload.
                do await Task.Delay(options.ReloadDelay, stoppingToken);
                while (_changes.Reader.TryRead(out _));
                Reload(path);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private FileSystemWatcher? Watch(string path)
    {
        try
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            void OnChange(object sender, FileSystemEventArgs e)
            {
                if (string.Equals(e.FullPath, path, StringComparison.Ordinal)) _changes.Writer.TryWrite(true);
            }
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Renamed += OnChange;
            // Events lost to a full buffer may have been ours: look at the file again.
            watcher.Error += (_, _) => _changes.Writer.TryWrite(true);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Out of inotify instances, say: serving goes on, without reloading.
            LogNotWatching(path, e.Message);
            return null;
        }
    }

    private void Reload(string path)
    {
        var file = new FileInfo(path);
        var identity = file.Exists ? (file.Length, file.LastWriteTimeUtc) : (0L, default(DateTime));
        var served = slot.Current.File;
        if (identity == (served.SizeBytes, served.WrittenUtc) || identity == _refused) return;   // nothing new
        try
        {
            var next = ServedModel.Load(path);
            slot.Replace(next);
            _refused = default;
            LogSwapped(next.File.Path, next.File.SizeBytes, next.File.WrittenUtc);
            Reloaded?.Invoke(true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything a damaged file throws: the server keeps serving what it has.
            _refused = identity;
            LogRefused(path, e.Message.Split('\n')[0], served.WrittenUtc);
            Reloaded?.Invoke(false);
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Model file {ModelPath} is not watched, a replacement will not be loaded: {Problem}")]
    private partial void LogNotWatching(string modelPath, string problem);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Model {ModelPath} replaced: now serving {SizeBytes} bytes written {WrittenUtc:o}")]
    private partial void LogSwapped(string modelPath, long sizeBytes, DateTime writtenUtc);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Model file {ModelPath} refused, still serving the one written {ServedWrittenUtc:o}: {Problem}")]
    private partial void LogRefused(string modelPath, string problem, DateTime servedWrittenUtc);
}
