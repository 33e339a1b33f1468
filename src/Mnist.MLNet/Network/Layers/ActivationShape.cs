namespace Mnist.MLNet.Network.Layers;

/// <summary>The shape of one example's activations between layers: an image of <see cref="Channels"/> x
/// <see cref="Rows"/> x <see cref="Columns"/>, or a flat vector of <see cref="Size"/> values.</summary>
/// <remarks>A vector is stored with <see cref="Rows"/> and <see cref="Columns"/> 0 and its length in
/// <see cref="Channels"/>, so one value type carries both cases through shape inference.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(ActivationShapeJsonConverter))]
public readonly record struct ActivationShape
{
    private ActivationShape(int channels, int rows, int columns) => (Channels, Rows, Columns) = (channels, rows, columns);

    /// <summary>Channels of an image; the length of a vector.</summary>
    public int Channels { get; }

    /// <summary>Rows of an image; 0 for a vector.</summary>
    public int Rows { get; }

    /// <summary>Columns of an image; 0 for a vector.</summary>
    public int Columns { get; }

    /// <summary>An image of <paramref name="channels"/> planes of <paramref name="rows"/> x <paramref name="columns"/>.</summary>
    public static ActivationShape Image(int channels, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        return new(channels, rows, columns);
    }

    /// <summary>A flat vector of <paramref name="size"/> values.</summary>
    public static ActivationShape Vector(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return new(size, 0, 0);
    }

    /// <summary>Whether the activations are an image (channels x rows x columns) rather than a vector.</summary>
    public bool IsImage => Rows > 0;

    /// <summary>Values per example.</summary>
    public int Size => IsImage ? Channels * Rows * Columns : Channels;

    /// <summary>The same values read as a flat vector.</summary>
    public ActivationShape Flattened => Vector(Size);

    public override string ToString() => IsImage ? $"{Channels}x{Rows}x{Columns}" : $"{Channels}";
}
