using Mnist.MLNet.Native;

namespace Mnist.MLNet.Tests.Native;

/// <summary>oneDNN's instruction-set cap: set before libtorch's first kernel, and what it allows.</summary>
public class OneDnnIsaTests
{
    [Fact]
    public void EnsureInitialized_CapsOneDnnUnlessTheEnvironmentChose()
    {
        TorchRuntime.EnsureInitialized();

        Assert.Contains(TorchRuntime.Notes, note => note.StartsWith(OneDnnIsa.Variable + "=", StringComparison.Ordinal)
            || note.StartsWith(OneDnnIsa.OldVariable + "=", StringComparison.Ordinal));
        Assert.NotNull(Environment.GetEnvironmentVariable(OneDnnIsa.Variable) ?? Environment.GetEnvironmentVariable(OneDnnIsa.OldVariable));
    }

    [Theory]
    [InlineData("AVX2", false)]
    [InlineData("AVX512_CORE", false)]
    [InlineData("AVX512_CORE_VNNI", false)]
    [InlineData("AVX512_CORE_BF16", true)]
    [InlineData("avx512_core_amx", true)]
    [InlineData("ALL", true)]
    public void AllowsBFloat16_OnlyFromTheBFloat16InstructionSetsUp(string isa, bool allows) =>
        Assert.Equal(allows, OneDnnIsa.AllowsBFloat16(isa));
}
