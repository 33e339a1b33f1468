using Microsoft.ML.Data;

namespace Mnist.MLNet.Data;

/// <summary>One MNIST row as a class, for <c>PredictionEngine</c>, <c>LoadFromEnumerable</c> and
/// <c>CreateEnumerable</c>: the columns <c>LoadMnist</c> gives.</summary>
public sealed class MnistImage
{
    /// <summary>The digit (0-9); any value when predicting.</summary>
    public uint Label { get; set; }

    /// <summary>784 pixels in [0,1], row-major 28x28.</summary>
    [VectorType(28 * 28)]
    public float[] Features { get; set; } = [];
}
