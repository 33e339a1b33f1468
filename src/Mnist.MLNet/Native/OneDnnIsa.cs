namespace Mnist.MLNet.Native;

/// <summary>Caps the instruction set of oneDNN, the library libtorch runs convolutions with on the CPU, at AVX2 unless
/// the environment already chose one.</summary>
/// <remarks>On the AVX-512 machine of 2026-12-02 (AMD EPYC, <c>avx512f</c> through <c>avx512_bf16</c>) oneDNN's
/// AVX-512 convolution kernels returned wrong gradients at random: a conv stack's loss became NaN within two steps in
/// three runs of four, and bfloat16 gradients pointed the wrong way (cosine -0.13 to fp32's). The same code on the
/// same machine with <c>ONEDNN_MAX_CPU_ISA=AVX2</c> trained correctly every time, as it had on the AVX2 machines
/// every figure in docs/ was measured on; <c>AVX512_CORE</c>, <c>AVX512_CORE_VNNI</c> and <c>AVX512_CORE_BF16</c> all
/// failed. MLPs are unaffected (their products run in MKL, which keeps to AVX2 on AMD). Set
/// <c>ONEDNN_MAX_CPU_ISA</c> (for example to <c>ALL</c>) to let oneDNN use more.</remarks>
internal static class OneDnnIsa
{
    /// <summary>oneDNN's variable, and the one older versions read.</summary>
    public const string Variable = "ONEDNN_MAX_CPU_ISA", OldVariable = "DNNL_MAX_CPU_ISA";

    /// <summary>The cap when the environment sets none.</summary>
    public const string Default = "AVX2";

    /// <summary>The instruction set oneDNN may use in this process: the environment's choice, else <see cref="Default"/>.</summary>
    public static string Max => Environment.GetEnvironmentVariable(Variable) ?? Environment.GetEnvironmentVariable(OldVariable) ?? Default;

    /// <summary>Whether oneDNN capped at <paramref name="isa"/> may use native bfloat16 instructions (AVX-512 BF16,
    /// AVX-512 FP16, AMX or AVX10 include them).</summary>
    public static bool AllowsBFloat16(string isa) =>
        isa.Equals("ALL", StringComparison.OrdinalIgnoreCase)
        || new[] { "BF16", "FP16", "AMX", "AVX10" }.Any(part => isa.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>Sets the cap for this process before libtorch loads; oneDNN reads it once, at its first kernel.</summary>
    /// <returns>What was done, for <see cref="TorchRuntime.Notes"/>.</returns>
    public static string Cap()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { } set) return $"{Variable}={set}, as configured by the environment";
        if (Environment.GetEnvironmentVariable(OldVariable) is { } old) return $"{OldVariable}={old}, as configured by the environment";
        return TorchRuntime.SetForNativeLibraries(Variable, Default) ? $"{Variable}={Default}" : $"{Variable} could not be set";
    }
}
