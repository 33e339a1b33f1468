namespace Mnist.MLNet.Tests.Models;

/// <summary>Saves a fitted model as a zip and loads it in a fresh <see cref="MLContext"/>, as another process would.</summary>
internal static class ModelRoundTrip
{
    /// <summary>Saves <paramref name="model"/> (which reads <paramref name="schema"/>) and loads it back.</summary>
    /// <returns>The loaded model, and the card the zip carries.</returns>
    public static (ITransformer Loaded, ModelCard Card) SaveAndLoad(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("model.zip");
        ml.Model.Save(model, schema, path);
        return (new MLContext().Model.Load(path, out _), ModelCard.Read(path));
    }
}
