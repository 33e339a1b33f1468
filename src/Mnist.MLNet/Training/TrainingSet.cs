namespace Mnist.MLNet.Training;

/// <summary>Rows read once through a cursor into two contiguous arrays, the form the trainer turns into tensors.</summary>
internal sealed class TrainingSet
{
    internal TrainingSet(float[] features, long[] labels, int inputSize, float[]? values = null, float[]? weights = null)
    {
        Features = features;
        Labels = labels;
        InputSize = inputSize;
        Values = values;
        Weights = weights;
    }

    /// <summary>Row-major [Count, InputSize].</summary>
    public float[] Features { get; }

    /// <summary>0-based class index per row (the key value minus one).</summary>
    public long[] Labels { get; }

    /// <summary>Real-valued target per row, for regression; null for classification.</summary>
    public float[]? Values { get; }

    /// <summary>Example weight per row (ML.NET's <c>ExampleWeightColumnName</c>); null when every row counts the same.
    /// The one way a row's share of the loss changes: per-class weights would map to these.</summary>
    public float[]? Weights { get; }

    public int InputSize { get; }
    public int Count => Labels.Length;

    /// <summary>Reads every row; refuses missing labels and non-finite features, naming the column and row.</summary>
    /// <param name="keyGetter">Reads the label as a key of the training label's key type (see <see cref="LabelKeys"/>).</param>
    /// <param name="weightColumnName">A Single column of example weights, or null.</param>
    public static TrainingSet Read(IDataView data, string labelColumnName, string featureColumnName,
        Func<DataViewRowCursor, ValueGetter<uint>> keyGetter, CancellationToken cancellation, string? weightColumnName = null) =>
        Read(data, labelColumnName, featureColumnName, weightColumnName, cursor =>
        {
            var getLabel = keyGetter(cursor);
            uint key = 0;
            return index =>
            {
                getLabel(ref key);
                if (key == 0)
                    throw new TrainingDataException($"Label column '{labelColumnName}' has a missing value (key 0) at row {index}.");
                return ((long)key - 1, 0f);
            };
        }, keepValues: false, cancellation);

    /// <summary>Reads every row with a real-valued label (regression); refuses a label that is not finite.</summary>
    public static TrainingSet ReadValues(IDataView data, string labelColumnName, string featureColumnName,
        CancellationToken cancellation, string? weightColumnName = null) =>
        Read(data, labelColumnName, featureColumnName, weightColumnName, cursor =>
        {
            var getLabel = cursor.GetGetter<float>(data.Schema[labelColumnName]);
            float value = 0;
            return index =>
            {
                getLabel(ref value);
                if (!float.IsFinite(value))
                    throw new TrainingDataException($"Label column '{labelColumnName}' has {value} at row {index}; labels must be finite.");
                return (0L, value);
            };
        }, keepValues: true, cancellation);

    /// <summary>The same rows with each value replaced; for the standardised regression target.</summary>
    public TrainingSet WithValues(float[] values) => new(Features, Labels, InputSize, values, Weights);

    /// <summary>The same rows with each weight multiplied by <paramref name="factors"/> (class weights over example
    /// weights); unchanged when <paramref name="factors"/> is null.</summary>
    public TrainingSet ScaledBy(float[]? factors) => factors is null ? this
        : new(Features, Labels, InputSize, Values, Weights is { } w ? [.. w.Zip(factors, (a, b) => a * b)] : factors);

    private static TrainingSet Read(IDataView data, string labelColumnName, string featureColumnName, string? weightColumnName,
        Func<DataViewRowCursor, Func<long, (long Label, float Value)>> targetReader, bool keepValues, CancellationToken cancellation)
    {
        var label = data.Schema[labelColumnName];
        var features = data.Schema[featureColumnName];
        var weight = weightColumnName is null ? (DataViewSchema.Column?)null : data.Schema[weightColumnName];
        int inputSize = ((VectorDataViewType)features.Type).Size;
        long expected = data.GetRowCount() ?? 0;
        var x = new List<float[]>();     // rows past a count the view did not know or misreported
        var xs = expected > 0 ? new float[checked(expected * inputSize)] : null;
        var ys = new List<long>(expected > 0 ? (int)expected : 0);
        var values = keepValues ? new List<float>(ys.Capacity) : null;
        var weights = weight is null ? null : new List<float>(ys.Capacity);

        using var cursor = data.GetRowCursor(weight is { } w ? [label, features, w] : [label, features]);
        var readTarget = targetReader(cursor);
        var readWeight = weight is { } column ? ExampleWeights.Reader(cursor, column) : null;
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        VBuffer<float> row = default;
        float[] dense = new float[inputSize];
        long index = 0;
        while (cursor.MoveNext())
        {
            if ((index & 1023) == 0) cancellation.ThrowIfCancellationRequested();
            var (target, value) = readTarget(index);
            getFeatures(ref row);
            row.CopyTo(dense);
            for (int i = 0; i < dense.Length; i++)
                if (!float.IsFinite(dense[i]))
                    throw new TrainingDataException(
                        $"Features column '{featureColumnName}' has {dense[i]} at row {index}, slot {i}; features must be finite.");
            if (xs is not null && index < expected) dense.CopyTo(xs, index * inputSize);
            else x.Add((float[])dense.Clone());
            ys.Add(target);
            values?.Add(value);
            weights?.Add(readWeight!(index));
            index++;
        }
        if (index == 0) throw new TrainingDataException("The training data has no rows.");
        if (weights is not null) ExampleWeights.CheckSum(weights, weight!.Value.Name);
        if (xs is null || index != expected)
        {
            // The view did not know (or misreported) its row count: lay the rows out now.
            var all = new float[checked(index * inputSize)];
            long known = xs is null ? 0 : Math.Min(expected, index);
            if (xs is not null) Array.Copy(xs, all, known * inputSize);
            for (int i = 0; i < x.Count; i++) x[i].CopyTo(all, (known + i) * inputSize);
            xs = all;
        }
        return new TrainingSet(xs, [.. ys], inputSize, values?.ToArray(), weights?.ToArray());
    }
}
