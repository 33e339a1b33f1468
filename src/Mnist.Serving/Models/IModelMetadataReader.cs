namespace Mnist.Serving.Models;

/// <summary>Reads the facts a model file stores about itself, for <c>GET /model</c>; register another implementation
/// to show more than the schema tells.</summary>
public interface IModelMetadataReader
{
    /// <summary>The facts stored in the model at <paramref name="modelPath"/>, by name; empty when there are none.</summary>
    IReadOnlyDictionary<string, string> Read(string modelPath);
}

/// <summary>The default reader: the schema tells everything the card shows, so there is nothing more to read.</summary>
public sealed class NoModelMetadata : IModelMetadataReader
{
    public IReadOnlyDictionary<string, string> Read(string modelPath) => new Dictionary<string, string>();
}
