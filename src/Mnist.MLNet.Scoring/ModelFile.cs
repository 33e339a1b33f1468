using Microsoft.ML;

namespace Mnist.MLNet.Scoring;

/// <summary>Saving and loading model zips safely: all or nothing on save, a clear error on a damaged file.</summary>
public static class ModelFile
{
    /// <summary>Saves like <c>mlContext.Model.Save</c>, through a temporary file renamed over <paramref name="path"/>:
    /// a crash or kill mid-save leaves the previous file intact.</summary>
    public static void SaveAtomically(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string path)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => catalog.Save(model, inputSchema, stream));
    }

    /// <summary>Loads like <c>mlContext.Model.Load</c>; a truncated, corrupted or foreign file gives one
    /// <see cref="SavedModelException"/> naming it.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static ITransformer LoadChecked(this ModelOperationsCatalog catalog, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!File.Exists(path)) throw new FileNotFoundException($"{Path.GetFullPath(path)}: no such model file", path);
        try
        {
            return catalog.Load(path, out inputSchema);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or UnauthorizedAccessException or FileNotFoundException))
        {
            // ML.NET reports a damaged zip in many ways (zip, format, contract and null errors); name the file once.
            throw new SavedModelException(Path.GetFullPath(path), $"not a loadable ML.NET model zip ({e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>Reads the card of the model zip at <paramref name="path"/> and loads the model only when
    /// <paramref name="isKind"/> accepts the card; otherwise <paramref name="notKind"/> says why the model does not serve.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">Not a model zip, or a model of another kind.</exception>
    internal static (ITransformer Model, ModelCard Card) LoadOfKind(string path, Func<ModelCard, bool> isKind, Func<ModelCard, string> notKind)
    {
        var full = Path.GetFullPath(path);
        var card = ModelCard.Read(full);
        if (!isKind(card)) throw new SavedModelException(full, notKind(card));
        return (new MLContext().Model.LoadChecked(full, out _), card);
    }
}
