using Mnist.MLNet.Network.Layers;

namespace Mnist.MLNet.Data;

/// <summary>Marks a feature column as a row-major image: an annotation holding [rows, columns] (one channel), or
/// [channels, rows, columns] for colour images laid out plane after plane as PyTorch does. <c>LoadMnist</c> sets it; the trainer copies it into the model card, so the saved model knows it reads images.</summary>
/// <remarks>ML.NET annotations travel with a column through the transforms that pass it on unchanged
/// (<c>MapValueToKey</c> of another column, row filters and splits).</remarks>
public static class ImageShapeAnnotation
{
    /// <summary>The annotation's name on the feature column.</summary>
    public const string Kind = "Mnist.ImageShape";

    /// <summary>Annotations saying the column is an image of <paramref name="rows"/> x <paramref name="columns"/>.</summary>
    public static DataViewSchema.Annotations Create(int rows, int columns)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(Kind, new VectorDataViewType(NumberDataViewType.Int32, 2), (ref VBuffer<int> value) => value = new VBuffer<int>(2, [rows, columns]));
        return builder.ToAnnotations();
    }

    /// <summary>Annotations saying the column is an image of <paramref name="channels"/> planes of
    /// <paramref name="rows"/> x <paramref name="columns"/>, channel-major.</summary>
    public static DataViewSchema.Annotations Create(int channels, int rows, int columns)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(Kind, new VectorDataViewType(NumberDataViewType.Int32, 3),
            (ref VBuffer<int> value) => value = new VBuffer<int>(3, [channels, rows, columns]));
        return builder.ToAnnotations();
    }

    /// <summary>The [rows, columns] or [channels, rows, columns] of <paramref name="column"/>, or null when it is not
    /// marked as an image.</summary>
    public static IReadOnlyList<int>? Read(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull(Kind)?.Type is not VectorDataViewType { Size: 2 or 3 } type
            || type.ItemType != NumberDataViewType.Int32)
            return null;
        VBuffer<int> shape = default;
        column.Annotations.GetValue(Kind, ref shape);
        return shape.DenseValues().ToArray();
    }

    /// <summary>How a layer stack reads <paramref name="column"/>: channels x rows x columns when it is marked as an
    /// image (one channel for [rows, columns]), otherwise a vector of its length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is not a known-size vector, or its image shape does not
    /// multiply to its length; the message names the column.</exception>
    public static ActivationShape ReadShape(DataViewSchema.Column column)
    {
        if (column.Type is not VectorDataViewType { IsKnownSize: true, Size: var size })
            throw new ArgumentOutOfRangeException("inputSchema", $"Feature column '{column.Name}': expected a known-size vector, got {column.Type}.");
        var shape = Read(column) switch
        {
            [var rows, var columns] when rows > 0 && columns > 0 => ActivationShape.Image(1, rows, columns),
            [var channels, var rows, var columns] when channels > 0 && rows > 0 && columns > 0 => ActivationShape.Image(channels, rows, columns),
            null => ActivationShape.Vector(size),
            var other => throw new ArgumentOutOfRangeException("inputSchema",
                $"Feature column '{column.Name}': image shape [{string.Join(", ", other)}] has a dimension that is not positive."),
        };
        if (shape.Size != size)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"Feature column '{column.Name}': its image shape {shape} holds {shape.Size} values, but the column holds {size}.");
        return shape;
    }
}
