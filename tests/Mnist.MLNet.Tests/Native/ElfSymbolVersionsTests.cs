namespace Mnist.MLNet.Tests.Native;

public class ElfSymbolVersionsTests
{
    // The pristine library as NuGet ships it, not the copy next to the tests (which may already be patched).
    private static string PristineLibTorchSharp()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", TorchRuntime.TorchSharpLibrary);
        Assert.True(File.Exists(path), $"TorchSharp package not restored at {path}");
        return path;
    }

    [Fact]
    public void ReadNeeds_PristineLibTorchSharp_NeedsGlibcxx3432Strongly()
    {
        var needs = ElfSymbolVersions.ReadNeeds(PristineLibTorchSharp());
        var need = Assert.Single(needs, n => n.Version == TorchRuntime.UnneededVersion);
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.False(need.IsWeak);
        Assert.Contains(needs, n => n.Version == "GLIBC_2.2.5");
    }

    [Fact]
    public void MarkWeak_CopyOfLibTorchSharp_OnlyThatNeedBecomesWeak()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"libLibTorchSharp-{Guid.NewGuid():N}.so");
        File.Copy(PristineLibTorchSharp(), copy);
        try
        {
            var before = ElfSymbolVersions.ReadNeeds(copy);
            Assert.Equal(1, ElfSymbolVersions.MarkWeak(copy, n => n.Version == TorchRuntime.UnneededVersion));
            Assert.Equal(0, ElfSymbolVersions.MarkWeak(copy, n => n.Version == TorchRuntime.UnneededVersion));
            var after = ElfSymbolVersions.ReadNeeds(copy);
            Assert.Equal(before.Count, after.Count);
            for (int i = 0; i < before.Count; i++)
                Assert.Equal(before[i].Version == TorchRuntime.UnneededVersion, after[i].IsWeak != before[i].IsWeak);
            Assert.Equal(new FileInfo(PristineLibTorchSharp()).Length, new FileInfo(copy).Length);
        }
        finally { File.Delete(copy); }
    }

    [Fact]
    public void ReadDefinitions_SystemLibStdCxx_ListsGlibcxxVersions()
    {
        var path = TorchRuntime.FindLibStdCxx();
        Assert.NotNull(path);
        var defs = ElfSymbolVersions.ReadDefinitions(path);
        Assert.Contains("GLIBCXX_3.4", defs);
        Assert.Equal(defs.Contains(TorchRuntime.UnneededVersion), TorchRuntime.SystemLibStdCxxDefines(TorchRuntime.UnneededVersion));
    }

    [Fact]
    public void ReadNeeds_NotElf_ThrowsBadImageFormatNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-elf-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, "hello");
        try
        {
            var e = Assert.Throws<BadImageFormatException>(() => ElfSymbolVersions.ReadNeeds(path));
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }
}
