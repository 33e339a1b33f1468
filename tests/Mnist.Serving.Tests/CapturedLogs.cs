using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mnist.Serving.Tests;

/// <summary>A logger provider that keeps every entry, for asserting on what the server logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    /// <summary>One log entry: who logged it, how severe, its event id, the formatted message and the exception
    /// logged with it (whose stack trace a console logger would print).</summary>
    public sealed record Entry(string Category, LogLevel Level, int EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State,
        Exception? Exception = null);

    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, eventId.Id, formatter(state, exception),
                state as IReadOnlyList<KeyValuePair<string, object?>> ?? [], exception));
    }
}
