namespace Mnist.MLNet.Scoring;

/// <summary>Temporary files beside their target, named <c>.{name}.{pid}.{guid}{suffix}</c>: unique per call, so
/// concurrent writers (threads or processes) never share one, and naming the process that writes them, so a
/// leftover of a killed process can be told from a file another process is still writing.</summary>
internal static class PidTaggedFile
{
    /// <summary>A fresh temporary path for <paramref name="name"/> in <paramref name="directory"/>.</summary>
    public static string NewPath(string directory, string name, string suffix) =>
        Path.Combine(directory, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}{suffix}");

    /// <summary>Deletes the temporary files of <paramref name="name"/> whose process no longer runs; a live
    /// writer's file is left alone.</summary>
    public static void DeleteLeftovers(string directory, string name, string suffix)
    {
        foreach (var file in Directory.EnumerateFiles(directory, $".{name}.*{suffix}"))
        {
            var fields = Path.GetFileName(file)[(name.Length + 2)..^suffix.Length].Split('.');
            if (fields.Length == 2 && int.TryParse(fields[0], out var pid) && !ProcessIds.IsRunning(pid))
            {
                try { File.Delete(file); }
                catch (IOException) { }   // raced with another cleaner
            }
        }
    }
}
