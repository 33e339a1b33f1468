namespace Mnist.MLNet.Data.Sources;

/// <summary>Copies a stream to a new file, reporting progress as it goes.</summary>
internal static class StreamCopier
{
    private const int BufferBytes = 1 << 16;

    public static async Task<long> CopyToFileAsync(Stream source, string destination, MnistResource resource, string sourceName,
        long? total, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        await using var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true);
        var buffer = new byte[BufferBytes];
        long done = 0;
        progress?.Report(new DownloadProgress(resource.FileName, sourceName, 0, total));
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
            done += read;
            progress?.Report(new DownloadProgress(resource.FileName, sourceName, done, total));
        }
        return done;
    }
}
