using System.IO.Compression;
using System.Security.Cryptography;

namespace Mnist.MLNet.Data;

/// <summary>md5 digests as the dataset publishers list them: lower-case hex.</summary>
internal static class FileChecksum
{
    public static async Task<string> Md5Async(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await MD5.HashDataAsync(file, ct));
    }

    /// <summary>md5 of a gzip file's uncompressed content, or null when it is not valid gzip.</summary>
    public static async Task<string?> GunzippedMd5Async(string path, CancellationToken ct)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return Convert.ToHexStringLower(await MD5.HashDataAsync(gzip, ct));
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
