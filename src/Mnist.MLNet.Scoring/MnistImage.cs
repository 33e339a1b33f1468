using Microsoft.ML.Data;

namespace Mnist.MLNet.Scoring;

/// <summary>One MNIST row as a class, for <c>PredictionEngine</c>, <c>LoadFromEnumerable</c> and
/// <c>CreateEnumerable</c>: the columns <c>LoadMnist</c> gives.</summary>
public sealed class MnistImage
{
    /// <summary>Rows of an MNIST image.</summary>
    public const int Rows = 28;

    /// <summary>Columns of an MNIST image.</summary>
    public const int Columns = 28;

    /// <summary>Pixels of an MNIST image, row-major: the length of <see cref="Features"/>.</summary>
    public const int Pixels = Rows * Columns;

    /// <summary>The digit (0-9); any value when predicting.</summary>
    public uint Label { get; set; }

    /// <summary>784 pixels in [0,1], row-major 28x28.</summary>
    [VectorType(Pixels)]
    public float[] Features { get; set; } = [];
}
