namespace Mnist.MLNet;

/// <summary>Writes a file all or nothing: to a temporary file in the same directory, then renamed over the target,
/// so an interrupted or killed write never leaves a half-written file under the final name.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        // Same directory as the target: a rename within one file system is atomic. Unique per call, so concurrent
        // writers (threads or processes) never share a temporary file.
        DeleteLeftovers(directory, Path.GetFileName(full));
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
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

    // A process killed mid-write leaves its temporary file behind (never under the final name). Remove those of
    // processes that no longer run; another live writer's file is left alone.
    private static void DeleteLeftovers(string directory, string name)
    {
        foreach (var temp in Directory.EnumerateFiles(directory, $".{name}.*.tmp"))
        {
            var fields = Path.GetFileName(temp)[(name.Length + 2)..].Split('.');
            if (fields.Length == 3 && int.TryParse(fields[0], out var pid) && !ProcessIds.IsRunning(pid))
            {
                try { File.Delete(temp); }
                catch (IOException) { }   // raced with another cleaner
            }
        }
    }

    /// <summary>Writes <paramref name="bytes"/> all or nothing.</summary>
    public static void Write(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));
}
