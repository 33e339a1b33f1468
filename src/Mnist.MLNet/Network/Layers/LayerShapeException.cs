namespace Mnist.MLNet.Network.Layers;

/// <summary>A layer stack does not fit the feature column's shape: a kernel larger than its input, a convolution
/// on features that are not an image. Raised before training; the message names the column and the layer.</summary>
public sealed class LayerShapeException(string columnName, ActivationShape columnShape, int layerNumber, LayerSpec layer,
    ActivationShape layerInput, string problem)
    : ArgumentOutOfRangeException("inputSchema",
        $"Feature column '{columnName}' ({Describe(columnShape)}) does not fit layer {layerNumber} '{layer.Token}' of the stack: " +
        $"it receives {Describe(layerInput)} and {problem}.")
{
    /// <summary>The feature column the stack reads.</summary>
    public string ColumnName { get; } = columnName;

    /// <summary>The refusing layer's position among the stack's layers, from 1.</summary>
    public int LayerNumber { get; } = layerNumber;

    /// <summary>The refusing layer.</summary>
    public LayerSpec Layer { get; } = layer;

    private static string Describe(ActivationShape shape) =>
        shape.IsImage ? $"a {shape} image" : $"a vector of {shape.Size} values";
}
