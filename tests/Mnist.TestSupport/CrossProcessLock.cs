namespace Mnist.TestSupport;

/// <summary>An exclusive lock on a file, held by one process (and one holder in it) at a time.</summary>
/// <remarks>.NET takes <see cref="FileShare.None"/> on Unix as an advisory <c>flock</c>, which the kernel drops when the
/// holder dies, so a killed test run never leaves the lock taken.</remarks>
public sealed class CrossProcessLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly FileStream _stream;

    private CrossProcessLock(FileStream stream) => _stream = stream;

    /// <summary>Waits until <paramref name="path"/> can be locked, up to <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">Another holder kept the lock longer than <paramref name="timeout"/>.</exception>
    public static CrossProcessLock Acquire(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new CrossProcessLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(PollInterval);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"{path}: still locked by another process after {timeout.TotalSeconds:0} s", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
