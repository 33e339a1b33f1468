using System.Text.RegularExpressions;

namespace Mnist.MLNet.Tests.Layout;

/// <summary>docs/architecture.md is a map, so it must match the ground: every path it names exists, every source
/// folder is on it, and its picture of project references is the one the project files declare.</summary>
public partial class ArchitectureDocTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly string Doc = File.ReadAllText(Path.Combine(Root, "docs", "architecture.md"));

    [Fact]
    public void EveryPathItNames_Exists()
    {
        var missing = NamedPaths(Doc).Where(p => !File.Exists(Path.Combine(Root, p)) && !Directory.Exists(Path.Combine(Root, p))).ToList();
        Assert.True(missing.Count == 0, "docs/architecture.md names paths that do not exist: " + string.Join(", ", missing));
    }

    [Fact]
    public void EverySourceFolder_IsOnTheMap()
    {
        var named = NamedPaths(Doc).Select(p => p.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var absent = SourceFolders().Where(f => !named.Contains(f)).ToList();
        Assert.True(absent.Count == 0, "source folders docs/architecture.md does not describe: " + string.Join(", ", absent));
    }

    [Fact]
    public void ProjectPicture_IsTheProjectReferences()
    {
        var drawn = DrawnReferences(Doc).Order(StringComparer.Ordinal).ToList();
        var declared = DeclaredReferences(Path.Combine(Root, "src")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(declared, drawn);
    }

    [Fact]
    public void NamedPaths_FindsBacktickedRepositoryPaths()
    {
        Assert.Equal(["src/A/B", "tests/C.cs"], NamedPaths("see `src/A/B` and `tests/C.cs`, not `Foo.Bar` or src/D"));
    }

    /// <summary>Repository paths in backticks: `src/...`, `tests/...`, `benchmarks/...`, `notebooks/...`, `docs/...`.</summary>
    private static List<string> NamedPaths(string markdown) =>
        [.. PathInBackticks().Matches(markdown).Select(m => m.Groups[1].Value).Distinct()];

    // Folders holding C# sources under src/, relative to the root with '/' separators.
    private static IEnumerable<string> SourceFolders() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, Path.GetDirectoryName(f)!).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(d => !d.Split('/').Any(part => part is "bin" or "obj"))
            .Distinct();

    // Edges "A --> B" of the mermaid picture between src projects.
    private static IEnumerable<string> DrawnReferences(string markdown) =>
        MermaidEdge().Matches(markdown).Select(m => $"{m.Groups[1].Value} -> {m.Groups[2].Value}").Distinct();

    private static IEnumerable<string> DeclaredReferences(string src) =>
        Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories)
            .SelectMany(project => ProjectReference().Matches(File.ReadAllText(project))
                .Select(m => $"{Dotless(Path.GetFileNameWithoutExtension(project))} -> {Dotless(m.Groups[1].Value)}"));

    // Mermaid node ids cannot hold dots: Mnist.MLNet.Scoring is drawn as MnistMLNetScoring.
    private static string Dotless(string name) => name.Replace(".", "");

    [GeneratedRegex(@"`((?:src|tests|benchmarks|notebooks|docs)/[\w./-]+)`")]
    private static partial Regex PathInBackticks();

    [GeneratedRegex(@"^\s*(\w+)(?:\[[^\]]*\])?\s*-->\s*(\w+)", RegexOptions.Multiline)]
    private static partial Regex MermaidEdge();

    [GeneratedRegex(@"ProjectReference Include=""[^""]*[\\/]([\w.]+)\.csproj""")]
    private static partial Regex ProjectReference();
}
