using System.IO.Compression;

namespace Mnist.Benchmarks.Support;

/// <summary>What a tabular data set is used for.</summary>
public enum TabularTask { Multiclass, Binary, Regression }

/// <summary>A small public data set shipped under <c>Data/</c> (see its README for source and licence): comma-separated,
/// one header line, the features first, the label last.</summary>
public sealed record TabularSet(string Name, string File, TabularTask Task, int FeatureCount)
{
    /// <summary>The three sets of the comparison, as scikit-learn ships them.</summary>
    public static IReadOnlyList<TabularSet> All { get; } =
    [
        new("wine", "wine.csv", TabularTask.Multiclass, 13),
        new("breast cancer", "breast_cancer.csv.gz", TabularTask.Binary, 30),
        new("diabetes", "diabetes.csv", TabularTask.Regression, 10),
    ];

    /// <summary>Two more of scikit-learn's sets, for the defaults benchmark only: checks on sets the defaults were not
    /// chosen on.</summary>
    public static IReadOnlyList<TabularSet> Unseen { get; } =
    [
        new("iris", "iris.csv", TabularTask.Multiclass, 4),
        new("digits 8x8", "digits.csv.gz", TabularTask.Multiclass, 64),
    ];

    /// <summary>A CSV of the shipped sets' layout named as <c>PATH=TASK</c>; its features are counted from the header.</summary>
    public static (TabularSet Set, string Directory) FromFile(string pathAndTask)
    {
        var (path, task) = pathAndTask.Split('=') is [var p, var t] && Enum.TryParse<TabularTask>(t, ignoreCase: true, out var parsed)
            ? (Path.GetFullPath(p), parsed)
            : throw new ArgumentException($"--csv {pathAndTask}: expected PATH=multiclass, PATH=binary or PATH=regression");
        using var reader = new StreamReader(path);
        int features = (reader.ReadLine() ?? throw new InvalidDataException($"{path}: empty")).Split(',').Length - 1;
        return (new TabularSet(Path.GetFileNameWithoutExtension(path), Path.GetFileName(path), task, features), Path.GetDirectoryName(path)!);
    }

    /// <summary>Loads the set with <c>TextLoader</c>: <c>Features</c> (a vector of Single) and <c>Label</c> (Single).</summary>
    public IDataView Load(MLContext ml, string directory)
    {
        var path = Path.Combine(directory, File);
        if (path.EndsWith(".gz", StringComparison.Ordinal)) path = Decompressed(path);
        var loader = ml.Data.CreateTextLoader(
            [
                new TextLoader.Column("Features", DataKind.Single, 0, FeatureCount - 1),
                new TextLoader.Column("Label", DataKind.Single, FeatureCount),
            ],
            separatorChar: ',', hasHeader: true);
        // Cached: cross-validation reads every fold's rows many times.
        return ml.Data.Cache(loader.Load(path));
    }

    // TextLoader reads plain files only; the larger set ships gzipped and is unpacked next to the temp files.
    private static string Decompressed(string path)
    {
        var target = Path.Combine(Path.GetTempPath(), "mnist-bench-" + Path.GetFileNameWithoutExtension(path));
        using (var input = new GZipStream(System.IO.File.OpenRead(path), CompressionMode.Decompress))
        using (var output = System.IO.File.Create(target))
            input.CopyTo(output);
        return target;
    }
}
