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

    /// <summary>Loads like <c>mlContext.Model.Load</c>; a missing, truncated or corrupted file gives one
    /// <see cref="InvalidDataException"/> naming it.</summary>
    public static ITransformer LoadChecked(this ModelOperationsCatalog catalog, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model file not found", path);
        try
        {
            return catalog.Load(path, out inputSchema);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException
                                      or ArgumentException or EndOfStreamException or NullReferenceException)
        {
            throw new InvalidDataException($"{path}: not a loadable ML.NET model zip ({e.Message.Split('\n')[0]})", e);
        }
    }
}
