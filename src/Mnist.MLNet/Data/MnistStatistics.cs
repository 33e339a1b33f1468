namespace Mnist.MLNet.Data;

/// <summary>What a split holds: row count, rows per class, and the mean and standard deviation of all pixels.</summary>
/// <param name="RowCount">Rows read.</param>
/// <param name="LabelCounts">Rows per label, indexed by label.</param>
/// <param name="PixelMean">Mean of every feature value (0.1307 for the MNIST training split, the torchvision normalisation constant).</param>
/// <param name="PixelStd">Population standard deviation of every feature value (0.3081 for the MNIST training split).</param>
public sealed record MnistStatistics(long RowCount, IReadOnlyList<long> LabelCounts, double PixelMean, double PixelStd)
{
    /// <summary>Reads <paramref name="data"/> once and computes its statistics.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type; the message names role, column and types.</exception>
    public static MnistStatistics Compute(IDataView data, string labelColumnName = MnistDataView.LabelColumnName,
        string featuresColumnName = MnistDataView.FeaturesColumnName, int classCount = MnistResources.ClassCount)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var label = CheckColumn(data.Schema, "label", labelColumnName, NumberDataViewType.UInt32, t => t == NumberDataViewType.UInt32);
        var features = CheckColumn(data.Schema, "features", featuresColumnName, new VectorDataViewType(NumberDataViewType.Single),
            t => t is VectorDataViewType { ItemType: var item } && item == NumberDataViewType.Single);

        var counts = new long[classCount];
        long rows = 0, pixels = 0;
        // Sums in double: 47 million values in [0,1] stay far inside its 53-bit precision.
        double sum = 0, sumOfSquares = 0;
        using var cursor = data.GetRowCursor([label, features]);
        var getLabel = cursor.GetGetter<uint>(label);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        uint y = 0;
        VBuffer<float> x = default;
        while (cursor.MoveNext())
        {
            getLabel(ref y);
            getFeatures(ref x);
            if (y >= classCount)
                throw new InvalidDataException($"label column '{labelColumnName}': value {y} in row {cursor.Position} is outside 0-{classCount - 1}");
            counts[y]++;
            rows++;
            foreach (var v in x.DenseValues())
            {
                sum += v;
                sumOfSquares += (double)v * v;
            }
            pixels += x.Length;
        }
        double mean = pixels == 0 ? 0 : sum / pixels;
        double std = pixels == 0 ? 0 : Math.Sqrt(Math.Max(0, sumOfSquares / pixels - mean * mean));
        return new MnistStatistics(rows, counts, mean, std);
    }

    private static DataViewSchema.Column CheckColumn(DataViewSchema schema, string role, string name, DataViewType expected, Func<DataViewType, bool> accepts)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentException($"{role} column '{name}' not found", nameof(schema));
        if (!accepts(column.Type))
            throw new ArgumentException($"{role} column '{name}': expected {expected}, found {column.Type}", nameof(schema));
        return column;
    }
}
