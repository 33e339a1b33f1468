namespace Mnist.MLNet.Native;

/// <summary>Whether this CPU multiplies bfloat16 natively, so that bfloat16 training is faster than fp32 rather
/// than emulated and slower.</summary>
/// <remarks>Read from the <c>flags</c> of Linux's <c>/proc/cpuinfo</c>: <c>avx512_bf16</c> (Cooper Lake, Zen 4 and
/// later) or <c>amx_bf16</c> (Sapphire Rapids and later), the instructions oneDNN uses for bfloat16. Elsewhere the
/// answer is no: fp32 is never the wrong choice.</remarks>
internal static class BFloat16Support
{
    private static readonly Lazy<bool> Native = new(Detect);

    /// <summary>Whether the CPU has native bfloat16 instructions.</summary>
    /// <remarks>Also requires that oneDNN may use those instructions (<see cref="OneDnnIsa"/> caps it at AVX2 unless the
    /// environment says otherwise): a capped oneDNN would emulate bfloat16, slower than fp32.</remarks>
    public static bool IsNative => Native.Value && OneDnnIsa.AllowsBFloat16(OneDnnIsa.Max);

    /// <summary>Whether the text of <c>/proc/cpuinfo</c> lists a native bfloat16 instruction set among its flags.</summary>
    public static bool FlagsSayNative(string cpuinfo) =>
        cpuinfo.Split('\n')
            .Where(line => line.StartsWith("flags", StringComparison.Ordinal) && line.Contains(':'))
            .SelectMany(line => line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(flag => flag is "avx512_bf16" or "amx_bf16");

    private static bool Detect()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return FlagsSayNative(File.ReadAllText("/proc/cpuinfo"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
