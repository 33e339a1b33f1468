using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mnist.Serving.Models;

/// <summary>Watches the served model file and swaps in each replacement once it has been quiet for
/// <see cref="MnistServerOptions.ReloadDelay"/>; a replacement that does not load is refused with one log line and
/// the current model stays (as does a model that is not ours: one without a model card).</summary>
/// <remarks>Our saves write a temporary file and rename it over the model, so a replacement shows as a rename into
/// the directory; copies written in place show as changes and are tried once they stop changing. When the path goes
/// through symbolic links (Kubernetes: <c>model.zip -> ..data/model.zip</c>, <c>..data</c> swapped by a rename), the
/// folder of every link on the way and of the file it ends at is watched, and watched again where a swap now leads.</remarks>
public sealed partial class ModelFileWatcher(ModelSlot slot, MnistServerOptions options, ILogger<ModelFileWatcher> logger) : BackgroundService
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private (string Target, long SizeBytes, DateTime WrittenUtc) _refused;

    /// <summary>Raised after each reload attempt: true when a new model is served, false when the file was refused.</summary>
    public event Action<bool>? Reloaded;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = Path.GetFullPath(options.ModelPath);
        var chain = Chain(path) ?? [path];
        var watchers = Watch(chain);
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
            {
                // Let a burst of events (a copy in progress, several renames) settle into one reload.
                do await Task.Delay(options.ReloadDelay, stoppingToken);
                while (_changes.Reader.TryRead(out _));
                Reload(path);
                // A swapped link may now lead through other folders.
                var now = Chain(path);
                if (now is null || now.SequenceEqual(chain, StringComparer.Ordinal)) continue;
                Dispose(watchers);
                chain = now;
                watchers = Watch(chain);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Dispose(watchers);
        }
    }

    private List<FileSystemWatcher> Watch(IReadOnlyList<string> chain)
    {
        var watchers = new List<FileSystemWatcher>();
        foreach (var (directory, names) in ModelLinks.Watched(chain))
        {
            try
            {
                var watcher = new FileSystemWatcher(directory)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                void OnChange(object sender, FileSystemEventArgs e)
                {
                    if (names.Contains(e.Name ?? "") || (e is RenamedEventArgs r && names.Contains(r.OldName ?? ""))) _changes.Writer.TryWrite(true);
                }
                watcher.Changed += OnChange;
                watcher.Created += OnChange;
                watcher.Deleted += OnChange;
                watcher.Renamed += OnChange;
                // Events lost to a full buffer may have been ours: look at the file again.
                watcher.Error += (_, _) => _changes.Writer.TryWrite(true);
                watcher.EnableRaisingEvents = true;
                watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // Out of inotify instances, or a folder gone: serving goes on, without reloading from there.
                LogNotWatching(directory, e.Message);
            }
        }
        return watchers;
    }

    private static void Dispose(List<FileSystemWatcher> watchers)
    {
        foreach (var watcher in watchers) watcher.Dispose();
    }

    private IReadOnlyList<string>? Chain(string path)
    {
        try
        {
            return ModelLinks.Chain(path);
        }
        catch (IOException e)
        {
            LogNotWatching(path, e.Message);
            return null;
        }
    }

    private void Reload(string path)
    {
        if (Chain(path) is null) return;   // a link loop: said once, and the current model stays
        var identity = ServedFile.IdentityOf(path);
        var served = slot.Current.File;
        if (identity == served.Identity || identity == _refused) return;   // nothing new
        try
        {
            var next = ServedModel.Load(path);
            slot.Replace(next);
            _refused = default;
            LogSwapped(next.File.Path, next.File.Target, next.File.SizeBytes, next.File.WrittenUtc);
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

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Model folder {Directory} is not watched, a replacement there will not be loaded: {Problem}")]
    private partial void LogNotWatching(string directory, string problem);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Model {ModelPath} replaced: now serving {Target}, {SizeBytes} bytes written {WrittenUtc:o}")]
    private partial void LogSwapped(string modelPath, string target, long sizeBytes, DateTime writtenUtc);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Model file {ModelPath} refused, still serving the one written {ServedWrittenUtc:o}: {Problem}")]
    private partial void LogRefused(string modelPath, string problem, DateTime servedWrittenUtc);
}
