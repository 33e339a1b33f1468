using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mnist.MLNet.Data;

/// <summary>Marks a feature column as a row-major image: an annotation holding [rows, columns]. <c>LoadMnist</c>
/// sets it; the trainer copies it into the model card, so the saved model knows it reads images.</summary>
/// <remarks>ML.NET annotations travel with a column through the transforms that pass it on unchanged
/// (<c>MapValueToKey</c> of another column, row filters and splits).</remarks>
public static class ImageShapeAnnotation
{
    /// <summary>The annotation's name on the feature column.</summary>
    public const string Kind = "Mnist.ImageShape";

    private static readonly VectorDataViewType Type = new(NumberDataViewType.Int32, 2);

    /// <summary>Annotations saying the column is an image of <paramref name="rows"/> x <paramref name="columns"/>.</summary>
    public static DataViewSchema.Annotations Create(int rows, int columns)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(Kind, Type, (ref VBuffer<int> value) => value = new VBuffer<int>(2, [rows, columns]));
        return builder.ToAnnotations();
    }

    /// <summary>The [rows, columns] of <paramref name="column"/>, or null when it is not marked as an image.</summary>
    public static IReadOnlyList<int>? Read(DataViewSchema.Column column)
    {
        // [rows, columns] for MNIST-prepared digits; [rows, columns, channels] for pictures of an image folder.
        if (column.Annotations.Schema.GetColumnOrNull(Kind)?.Type is not VectorDataViewType { Size: 2 or 3 } type
            || type.ItemType != NumberDataViewType.Int32)
            return null;
        VBuffer<int> shape = default;
        column.Annotations.GetValue(Kind, ref shape);
        return shape.DenseValues().ToArray();
    }
}
