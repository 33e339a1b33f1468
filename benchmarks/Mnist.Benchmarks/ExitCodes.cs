namespace Mnist.Benchmarks;

/// <summary>Process exit codes of the benchmark.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>No mode, an unknown mode or option, or a malformed value.</summary>
    public const int Usage = 2;
    /// <summary>A child process failed or a goal the mode checks was missed.</summary>
    public const int Failed = 3;
}
