namespace Mnist.TestSupport;

/// <summary>The root of this repository, found upwards from the running assembly or the working directory.</summary>
public static class RepositoryRoot
{
    private const string Marker = "Mnist.sln";

    /// <summary>The directory holding <c>Mnist.sln</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither the assembly nor the working directory is inside the repository.</exception>
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
        throw new DirectoryNotFoundException(
            $"{Marker} not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}: run from inside the repository");
    }
}
