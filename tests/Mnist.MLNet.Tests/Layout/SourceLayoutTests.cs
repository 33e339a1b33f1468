using System.Text.RegularExpressions;

namespace Mnist.MLNet.Tests.Layout;

/// <summary>The source tree reads like a map: a type's namespace names its assembly and folder, and the training
/// library's folders import one way (weights and graph building below both training and the fitted models).</summary>
public partial class SourceLayoutTests
{
    private static readonly string Src = Path.Combine(RepositoryRoot.Find(), "src");

    [Fact]
    public void Namespace_EverySourceFile_IsItsAssemblyAndFolder()
    {
        var wrong = SourceFiles()
            .Select(file => (file, declared: DeclaredNamespace(File.ReadAllText(file)), expected: ExpectedNamespace(file)))
            .Where(f => f.declared != f.expected)
            .Select(f => $"{Path.GetRelativePath(Src, f.file)}: namespace {f.declared ?? "(none)"}, expected {f.expected}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void FolderImports_TrainingLibrary_HaveNoCycle()
    {
        const string library = "Mnist.MLNet";
        var imports = new Dictionary<string, HashSet<string>>();
        foreach (var file in SourceFiles().Where(f => Path.GetRelativePath(Src, f).Split(Path.DirectorySeparatorChar) is [library, _, _, ..]))
        {
            var from = Path.GetRelativePath(Path.Combine(Src, library), file).Split(Path.DirectorySeparatorChar)[0];
            var targets = imports.TryGetValue(from, out var set) ? set : imports[from] = [];
            foreach (Match m in LibraryReference().Matches(File.ReadAllText(file)))
                if (m.Groups[1].Value != from) targets.Add(m.Groups[1].Value);
        }

        var cycle = FindCycle(imports);
        Assert.True(cycle is null, $"folders of {library} import each other: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void FindCycle_TwoFoldersImportingEachOther_NamesThem()
    {
        var imports = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };
        Assert.Equal(["A", "B", "C", "A"], FindCycle(imports));
        Assert.Null(FindCycle(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["D"] = ["C"] }));
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Src, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string? DeclaredNamespace(string text) => FileScopedNamespace().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    // src/<Assembly>/<Folder>/<Sub>/File.cs declares namespace <Assembly>.<Folder>.<Sub>.
    private static string ExpectedNamespace(string file) =>
        string.Join('.', Path.GetRelativePath(Src, Path.GetDirectoryName(file)!).Split(Path.DirectorySeparatorChar));

    /// <summary>A path of folders that leads back to its start, or null when the imports form no cycle.</summary>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> imports)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string folder)
        {
            int at = path.IndexOf(folder);
            if (at >= 0) return [.. path.Skip(at), folder];
            if (!done.Add(folder)) return null;
            path.Add(folder);
            foreach (var next in imports.GetValueOrDefault(folder) ?? [])
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }
        return imports.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    // A using directive or a qualified name reaching a top-level folder of the training library.
    [GeneratedRegex(@"\bMnist\.MLNet\.(?!Scoring\b)(\w+)\b")]
    private static partial Regex LibraryReference();
}
