using Mnist.Trainer;
using Mnist.Trainer.Commands;

namespace Mnist.MLNet.Tests.Trainer;

public class InvocationTests
{
    [Fact]
    public void Detect_ToolShimOnPath_PrefixIsMnist()
    {
        using var dir = new TempDirectory();
        var (shim, dll) = InstalledTool(dir);

        var invocation = Invocation.Detect(shim, dll, $"/usr/bin:{Path.GetDirectoryName(shim)}");

        Assert.Equal(["mnist"], invocation.Prefix);
    }

    [Fact]
    public void Detect_ToolShimInToolPathNotOnPath_PrefixIsShimPath()
    {
        using var dir = new TempDirectory();
        var (shim, dll) = InstalledTool(dir);

        var invocation = Invocation.Detect(shim, dll, "/usr/bin");

        Assert.Equal([shim], invocation.Prefix);
    }

    [Fact]
    public void Detect_ApphostInProjectBin_PrefixIsDotnetRunOfTheProject()
    {
        using var dir = new TempDirectory();
        var project = Directory.CreateDirectory(dir.Combine("src/Mnist.Trainer")).FullName;
        File.WriteAllText(Path.Combine(project, "Mnist.Trainer.csproj"), "<Project />");
        var bin = Directory.CreateDirectory(Path.Combine(project, "bin", "Release", "net10.0")).FullName;

        var invocation = Invocation.Detect(Path.Combine(bin, "mnist"), Path.Combine(bin, "mnist.dll"), "/usr/bin");

        Assert.Equal(["dotnet", "run", "-c", "Release", "--project", project, "--"], invocation.Prefix);
    }

    [Fact]
    public void Detect_MuxerRunningDll_PrefixIsDotnetAndDllPath()
    {
        using var dir = new TempDirectory();
        var dll = dir.Combine("mnist.dll");

        var invocation = Invocation.Detect("/usr/share/dotnet/dotnet", dll, "/usr/bin");

        Assert.Equal(["dotnet", dll], invocation.Prefix);
    }

    [Fact]
    public void Detect_MuxerRunningLocalTool_PrefixIsDotnetToolRun()
    {
        using var dir = new TempDirectory();
        var (_, dll) = InstalledTool(dir);

        var invocation = Invocation.Detect("/usr/share/dotnet/dotnet", dll, "/usr/bin");

        Assert.Equal(["dotnet", "tool", "run", "mnist"], invocation.Prefix);
    }

    [Fact]
    public void ResumeCommandLine_InstalledTool_StartsWithMnistTrain()
    {
        var line = TrainCommand.ResumeCommandLine(new TrainCommand.Settings { Training = { DataDirectory = "/data/mnist", Trainer = { CheckpointDirectory = "/tmp/ckpt" } } },
            new Invocation(["mnist"]));

        Assert.StartsWith("mnist train --dataset mnist --data /data/mnist ", line);
        Assert.EndsWith("--checkpoint-dir /tmp/ckpt --resume", line);
    }

    // The layout dotnet tool install --tool-path makes: a shim, and the package's files in .store with the settings file.
    private static (string Shim, string Dll) InstalledTool(TempDirectory dir)
    {
        var shim = dir.Combine("mnist");
        File.WriteAllText(shim, "");
        var tool = Directory.CreateDirectory(dir.Combine(".store/mnist.trainer/0.1.0/mnist.trainer/0.1.0/tools/net10.0/any")).FullName;
        File.WriteAllText(Path.Combine(tool, "DotnetToolSettings.xml"), "<DotNetCliTool />");
        return (shim, Path.Combine(tool, "mnist.dll"));
    }
}
