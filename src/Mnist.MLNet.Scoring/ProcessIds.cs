using System.Diagnostics;

namespace Mnist.MLNet.Scoring;

/// <summary>Whether a process id belongs to a running process: temporary files carry their writer's pid, so
/// leftovers of killed processes can be told from files another process is still writing.</summary>
internal static class ProcessIds
{
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
