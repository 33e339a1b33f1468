namespace Mnist.Benchmarks;

/// <summary>This process's resident memory from /proc/self/status, in MiB.</summary>
public readonly record struct ProcessMemory(double RssMiB, double PeakRssMiB)
{
    public static ProcessMemory Read()
    {
        double rss = double.NaN, peak = double.NaN;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kib(line) / 1024;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kib(line) / 1024;
        }
        return new ProcessMemory(rss, peak);
    }

    private static double Kib(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
