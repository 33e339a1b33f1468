namespace Mnist.MLNet.Scoring;

/// <summary>Writes a file all or nothing: to a temporary file in the same directory, then renamed over the target,
/// so an interrupted or killed write never leaves a half-written file under the final name.</summary>
public static class AtomicFile
{
    private const string TempSuffix = ".tmp";

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        // Same directory as the target: a rename within one file system is atomic. Unique per call, so concurrent
        // writers (threads or processes) never share a temporary file.
        // A process killed mid-write leaves its temporary file behind (never under the final name).
        PidTaggedFile.DeleteLeftovers(directory, Path.GetFileName(full), TempSuffix);
        var temp = PidTaggedFile.NewPath(directory, Path.GetFileName(full), TempSuffix);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(full))
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));   // replacing a file keeps its permissions
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> all or nothing.</summary>
    public static void Write(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));
}
