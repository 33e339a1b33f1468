namespace Mnist.Serving.Models;

/// <summary>What <c>GET /model</c> says about the served model: the file, its input and classes as read from its
/// schema, and whatever the <see cref="IModelMetadataReader"/> found stored in the model.</summary>
/// <param name="Path">The model file, full path.</param>
/// <param name="SizeBytes">Its size when it was loaded.</param>
/// <param name="WrittenUtc">Its last write time when it was loaded.</param>
/// <param name="LoadedUtc">When the server loaded it.</param>
/// <param name="InputColumn">The column the model reads the pixels from.</param>
/// <param name="InputSize">How many pixels that column holds (784: 28x28, row-major).</param>
/// <param name="Classes">The digits the model tells apart, in the order of the probabilities the API returns.</param>
/// <param name="Metadata">Facts stored in the model (training run, accuracy...); empty when the reader knows none.</param>
public sealed record ModelCard(string Path, long SizeBytes, DateTime WrittenUtc, DateTime LoadedUtc, string InputColumn,
    int InputSize, IReadOnlyList<int> Classes, IReadOnlyDictionary<string, string> Metadata);
