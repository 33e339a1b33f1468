namespace Mnist.Trainer;

/// <summary>Shows training progress: a live bar per epoch (batches, running loss, samples/s, ETA) on an interactive
/// console, one line per finished epoch otherwise (logs, CI, tests).</summary>
public sealed class TrainingDisplay(IAnsiConsole console, IProgress<TrainingProgress>? observer = null) : IProgress<TrainingProgress>
{
    private readonly Dictionary<int, ProgressTask> _tasks = [];
    private ProgressContext? _context;

    /// <summary>Runs <paramref name="train"/> (which reports to this display) off the calling thread, under the live display when there is one.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> train)
    {
        if (!console.Profile.Capabilities.Interactive) return Task.Run(train);
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                _context = context;
                return await Task.Run(train);
            });
    }

    public void Report(TrainingProgress p)
    {
        if (_context is { } context) ShowLive(context, p);
        else if (p.Completed is { } epoch) console.Profile.Out.Writer.WriteLine(Describe(epoch, p.MaxEpoch));
        observer?.Report(p);
    }

    /// <summary>One line for a finished epoch: <c>epoch 1/5: train loss 0.2345, accuracy 93.12%, ...</c>.</summary>
    public static string Describe(EpochMetrics m, int maxEpoch) =>
        I($"epoch {m.Epoch}/{maxEpoch}: train loss {m.TrainLoss:F4}, accuracy {100 * (m.TrainAccuracy):F2}%") +
        (m.ValidationLoss is null ? "" : I($", validation loss {m.ValidationLoss:F4}, accuracy {100 * (m.ValidationAccuracy):F2}%")) +
        I($", {m.Seconds:F1} s ({m.SamplesPerSecond:N0} samples/s)");

    private static string I(FormattableString s) => FormattableString.Invariant(s);

    private void ShowLive(ProgressContext context, TrainingProgress p)
    {
        lock (_tasks)
        {
            if (!_tasks.TryGetValue(p.Epoch, out var task))
                _tasks[p.Epoch] = task = context.AddTask($"Epoch {p.Epoch}/{p.MaxEpoch}", maxValue: p.BatchCount);
            task.Value = p.Batch;
            task.Description = p.Completed is { } m
                ? Markup.Escape(I($"Epoch {m.Epoch}/{p.MaxEpoch}  loss {m.TrainLoss:F4}  acc {100 * (m.TrainAccuracy):F2}%") +
                    (m.ValidationLoss is null ? "" : I($"  val loss {m.ValidationLoss:F4}  val acc {100 * (m.ValidationAccuracy):F2}%")))
                : Markup.Escape(I($"Epoch {p.Epoch}/{p.MaxEpoch}  batch {p.Batch}/{p.BatchCount}  loss {p.RunningLoss:F4}  {p.SamplesPerSecond:N0} samples/s"));
            if (p.Completed is not null) task.StopTask();
        }
    }
}
