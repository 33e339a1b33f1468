namespace Mnist.Serving.Models;

/// <summary>Holds the model being served and swaps in a new one without failing or blocking a request: each request
/// scores on the model it started with, and a swapped-out model is disposed when its last request ends.</summary>
public sealed class ModelSlot : IDisposable
{
    private ServedModel _current;
    private int _disposed;

    public ModelSlot(ServedModel first)
    {
        ArgumentNullException.ThrowIfNull(first);
        _current = first;
    }

    /// <summary>The model now served (for its card; score through <see cref="Use{T}"/>).</summary>
    public ServedModel Current => Volatile.Read(ref _current);

    /// <summary>Runs <paramref name="score"/> on the current model, holding it until <paramref name="score"/> returns.</summary>
    public T Use<T>(Func<ServedModel, T> score)
    {
        while (true)
        {
            var model = Volatile.Read(ref _current);
            // Fails only when a swap retired this model between the read and now; the next read sees the new one.
            if (!model.TryAcquire()) continue;
            try
            {
                return score(model);
            }
            finally
            {
                model.Release();
            }
        }
    }

    /// <summary>Serves <paramref name="next"/> from now on; the previous model goes when its requests are done.</summary>
    public void Replace(ServedModel next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Interlocked.Exchange(ref _current, next).Release();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Current.Release();
    }
}
