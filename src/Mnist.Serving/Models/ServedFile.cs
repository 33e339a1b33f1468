namespace Mnist.Serving.Models;

/// <summary>The facts of a served model file that only the server knows: which file, and which version of it.</summary>
/// <param name="Path">The model file as the server was told it, full path.</param>
/// <param name="Target">The file <paramref name="Path"/> ends at through symbolic links; the same path when there are none.</param>
/// <param name="SizeBytes">The target's size when it was loaded.</param>
/// <param name="WrittenUtc">The target's last write time when it was loaded.</param>
/// <param name="LoadedUtc">When the server loaded it.</param>
public sealed record ServedFile(string Path, string Target, long SizeBytes, DateTime WrittenUtc, DateTime LoadedUtc)
{
    /// <summary>What tells one version of the file from another: where the links end, its size and its write time.</summary>
    public (string Target, long SizeBytes, DateTime WrittenUtc) Identity => (Target, SizeBytes, WrittenUtc);

    /// <summary>The identity of what <paramref name="path"/> ends at now; size 0 when there is no such file.</summary>
    public static (string Target, long SizeBytes, DateTime WrittenUtc) IdentityOf(string path)
    {
        var target = ModelLinks.Chain(path)[^1];
        var info = new FileInfo(target);
        return info.Exists ? (target, info.Length, info.LastWriteTimeUtc) : (target, 0, default);
    }
}
