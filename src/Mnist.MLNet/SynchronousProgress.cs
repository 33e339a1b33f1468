namespace Mnist.MLNet;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler on the reporting thread, before the reporter goes on.</summary>
/// <remarks><see cref="Progress{T}"/> posts each report to the synchronization context or the thread pool, so reports
/// can arrive late and out of order; a reading taken here belongs to the moment of the report.</remarks>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <summary>Calls the handler with <paramref name="value"/>.</summary>
    public void Report(T value) => handler(value);
}
