namespace Mnist.MLNet.Data;

/// <summary>A folder of pictures with one subfolder per class (<c>cats/1.png</c>, <c>dogs/7.jpg</c>) as rows of a text
/// <c>Label</c> and a <c>Picture</c> vector (see <see cref="FolderPicture"/>). The picture column is annotated
/// with the image shape [channels, rows, columns], which the model card keeps; its name tells a model of pictures
/// (resized as they are) from one of MNIST digits (prepared, in <c>Features</c>).</summary>
public sealed class ImageFolder
{
    private ImageFolder(string directory, IReadOnlyList<string> classes, IReadOnlyList<(string File, string Label)> pictures)
    {
        Directory = directory;
        Classes = classes;
        Pictures = pictures;
    }

    /// <summary>The folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>The class names (subfolder names), sorted.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Every picture file with its class, by class then file name.</summary>
    public IReadOnlyList<(string File, string Label)> Pictures { get; }

    /// <summary>Lists the class subfolders of <paramref name="directory"/> and their pictures.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="DigitInputException">Fewer than two classes, or a class without pictures.</exception>
    public static ImageFolder List(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full)) throw new DirectoryNotFoundException($"{full}: no such folder");
        var classes = System.IO.Directory.GetDirectories(full).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
            throw new DigitInputException(full, $"{classes.Length} class subfolders, expected at least 2 (one subfolder of pictures per class)");
        var pictures = new List<(string, string)>();
        foreach (var label in classes)
        {
            var files = System.IO.Directory.GetFiles(Path.Combine(full, label!))
                .Where(f => FolderPicture.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
                throw new DigitInputException(Path.Combine(full, label!), $"no pictures ({string.Join(", ", FolderPicture.Extensions)})");
            pictures.AddRange(files.Select(f => (f, label!)));
        }
        return new ImageFolder(full, classes!, pictures);
    }

    /// <summary>Decodes every picture into rows of <c>Label</c> and <c>Features</c>.</summary>
    public IDataView Load(MLContext mlContext, int size, bool color, CancellationToken ct = default) =>
        ToDataView(mlContext, Pictures.Select(p =>
        {
            ct.ThrowIfCancellationRequested();
            return new Row { Label = p.Label, Picture = FolderPicture.Load(p.File, size, color) };
        }).ToArray(), size, color);

    /// <summary>Rows of pictures, labelled or not (an empty label), with the image-shape annotation.</summary>
    public static IDataView ToDataView(MLContext mlContext, IEnumerable<Row> rows, int size, bool color)
    {
        int channels = color ? 3 : 1;
        var definition = SchemaDefinition.Create(typeof(Row));
        var features = definition[nameof(Row.Picture)];
        features.ColumnType = new VectorDataViewType(NumberDataViewType.Single, size * size * channels);
        features.AddAnnotation(ImageShapeAnnotation.Kind, new VBuffer<int>(3, [channels, size, size]), new VectorDataViewType(NumberDataViewType.Int32, 3));
        return mlContext.Data.LoadFromEnumerable(rows, definition);
    }

    /// <summary>One picture's row.</summary>
    public sealed class Row
    {
        public string Label { get; set; } = "";
        public float[] Picture { get; set; } = [];
    }
}
