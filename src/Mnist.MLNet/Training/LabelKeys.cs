namespace Mnist.MLNet.Training;

/// <summary>Reads a label column as keys of the training label's key type.</summary>
/// <remarks>The training label is a key column (made by <c>MapValueToKey</c> in the pipeline). A validation set
/// given in <c>Options.ValidationSet</c> has not been through that pipeline, so its raw values (a digit as UInt32,
/// a class name as text) are looked up in the training label's <c>KeyValues</c>.</remarks>
internal static class LabelKeys
{
    public static Func<DataViewRowCursor, ValueGetter<uint>> For(DataViewSchema.Column trainingLabel, DataViewSchema.Column label)
    {
        var trainingKey = (KeyDataViewType)trainingLabel.Type;
        if (label.Type is KeyDataViewType key)
        {
            if (key.Count != trainingKey.Count)
                throw new ArgumentOutOfRangeException(nameof(label),
                    $"Label column '{label.Name}' has {key.Count} classes but the training label has {trainingKey.Count}.");
            return cursor => cursor.GetGetter<uint>(label);
        }
        var keyValues = trainingLabel.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (keyValues?.Type is not VectorDataViewType { ItemType: var valueType } || !valueType.Equals(label.Type))
            throw new ArgumentOutOfRangeException(nameof(label),
                $"Schema mismatch for label column '{label.Name}': expected Key<UInt32, 0-{trainingKey.Count - 1}> " +
                $"or the training label's values, got {label.Type}.");
        return valueType.RawType switch
        {
            var t when t == typeof(uint) => Lookup<uint>(trainingLabel, label),
            var t when t == typeof(int) => Lookup<int>(trainingLabel, label),
            var t when t == typeof(long) => Lookup<long>(trainingLabel, label),
            var t when t == typeof(float) => Lookup<float>(trainingLabel, label),
            var t when t == typeof(double) => Lookup<double>(trainingLabel, label),
            var t when t == typeof(bool) => Lookup<bool>(trainingLabel, label),
            var t when t == typeof(ReadOnlyMemory<char>) => LookupText(trainingLabel, label),
            _ => throw new ArgumentOutOfRangeException(nameof(label), $"Label column '{label.Name}' of type {label.Type} is not supported."),
        };
    }

    private static Func<DataViewRowCursor, ValueGetter<uint>> Lookup<T>(DataViewSchema.Column trainingLabel, DataViewSchema.Column label)
        where T : notnull
    {
        VBuffer<T> values = default;
        trainingLabel.GetKeyValues(ref values);
        var keys = new Dictionary<T, uint>();
        int k = 0;
        foreach (var v in values.DenseValues()) keys.TryAdd(v, (uint)++k);
        return cursor =>
        {
            var get = cursor.GetGetter<T>(label);
            T value = default!;
            return (ref uint key) => { get(ref value); key = keys.GetValueOrDefault(value); };
        };
    }

    private static Func<DataViewRowCursor, ValueGetter<uint>> LookupText(DataViewSchema.Column trainingLabel, DataViewSchema.Column label)
    {
        VBuffer<ReadOnlyMemory<char>> values = default;
        trainingLabel.GetKeyValues(ref values);
        var keys = new Dictionary<string, uint>();
        int k = 0;
        foreach (var v in values.DenseValues()) keys.TryAdd(v.ToString(), (uint)++k);
        return cursor =>
        {
            var get = cursor.GetGetter<ReadOnlyMemory<char>>(label);
            ReadOnlyMemory<char> value = default;
            return (ref uint key) => { get(ref value); key = keys.GetValueOrDefault(value.ToString()); };
        };
    }
}
