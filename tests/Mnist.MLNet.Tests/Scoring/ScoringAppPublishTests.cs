using System.Globalization;
using Xunit.Abstractions;

namespace Mnist.MLNet.Tests.Scoring;

/// <summary>A serving app published as a user would publish it carries ML.NET and ONNX Runtime, not the trainer's
/// native libraries, and still scores a model saved by the trainer.</summary>
[Collection(LibTorchCollection.Name)]
public class ScoringAppPublishTests(SavedMnistModel saved, ITestOutputHelper output) : IClassFixture<SavedMnistModel>
{
    private const long MaximumBytes = 60L * 1024 * 1024;
    private static readonly string[] TrainerNativePrefixes = ["libtorch", "libLibTorchSharp", "libc10", "libSkiaSharp"];

    [Fact]
    public async Task Publish_LinuxX64FrameworkDependent_NoTrainerNativesUnder60MBAndScores()
    {
        using var dir = new TempDirectory();
        var published = dir.Combine("out");
        var project = Path.Combine(RepositoryRoot.Find(), "tests", "Mnist.ScoringApp", "Mnist.ScoringApp.csproj");
        // Its own artifacts path: the repository's bin and obj, which the running tests use, stay untouched.
        using (var publish = ChildProcess.StartProgram("dotnet", "publish", project, "-c", "Release", "-r", "linux-x64",
                   "--self-contained", "false", "-o", published, "--artifacts-path", dir.Combine("artifacts"), "-nologo"))
        {
            var (exit, log) = await ChildProcess.WaitAsync(publish, TimeSpan.FromMinutes(8));
            Assert.True(exit == 0, log);
        }

        var files = Directory.GetFiles(published, "*", SearchOption.AllDirectories);
        var trainerNatives = files.Select(Path.GetFileName).Where(f => TrainerNativePrefixes.Any(p => f!.StartsWith(p, StringComparison.Ordinal)));
        Assert.Empty(trainerNatives);
        Assert.DoesNotContain(files, f => Path.GetFileName(f) is "Mnist.MLNet.dll" or "TorchSharp.dll" or "SkiaSharp.dll");
        long bytes = files.Sum(f => new FileInfo(f).Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"published scoring app: {files.Length} files, {bytes / 1024.0 / 1024.0:F1} MiB"));
        Assert.InRange(bytes, 1, MaximumBytes);

        var tsv = dir.Combine("predictions.tsv");
        using var app = ChildProcess.Start(Path.Combine(published, "Mnist.ScoringApp.dll"), saved.Path, MnistFixture.Directory, tsv);
        var (appExit, appOutput) = await ChildProcess.WaitAsync(app, TimeSpan.FromMinutes(3));
        Assert.True(appExit == 0, appOutput);
        Assert.Equal(saved.TestPredictions, File.ReadLines(tsv).Select(l => uint.Parse(l.Split('\t')[0], CultureInfo.InvariantCulture)));
    }
}
