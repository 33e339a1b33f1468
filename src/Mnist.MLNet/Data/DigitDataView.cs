namespace Mnist.MLNet.Data;

/// <summary>An <see cref="IDataView"/> over digits in memory: <c>Source</c> (text), <c>Index</c> (Int64) and
/// <c>Features</c> (784 Single), so a whole batch is scored by one <c>Transform</c>.</summary>
/// <remarks>A saved pipeline may read columns prediction has no values for (its first stage is usually
/// <c>MapValueToKey("Label")</c>); pass them as <c>placeholders</c> and they hold their type's default in every row.</remarks>
public sealed class DigitDataView : IDataView
{
    public const string SourceColumnName = "Source";
    public const string IndexColumnName = "Index";

    private readonly IReadOnlyList<DigitInput> _inputs;

    /// <summary>Builds the view; each <paramref name="placeholders"/> column must be a scalar (not a vector).</summary>
    public DigitDataView(IReadOnlyList<DigitInput> inputs, string featuresColumnName = MnistDataView.FeaturesColumnName,
        IEnumerable<DataViewSchema.Column>? placeholders = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentException.ThrowIfNullOrEmpty(featuresColumnName);
        for (int i = 0; i < inputs.Count; i++)
            if (inputs[i].Features.Length != MnistResources.ImagePixels)
                throw new ArgumentException(
                    $"{inputs[i].Source} [{inputs[i].Index}]: {inputs[i].Features.Length} features, expected {MnistResources.ImagePixels}", nameof(inputs));
        _inputs = inputs;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(SourceColumnName, TextDataViewType.Instance);
        builder.AddColumn(IndexColumnName, NumberDataViewType.Int64);
        builder.AddColumn(featuresColumnName, new VectorDataViewType(NumberDataViewType.Single, MnistResources.ImagePixels));
        foreach (var column in placeholders ?? [])
        {
            if (column.Type is VectorDataViewType)
                throw new ArgumentOutOfRangeException(nameof(placeholders),
                    $"Placeholder column '{column.Name}': expected a scalar type, found {column.Type}");
            builder.AddColumn(column.Name, column.Type);
        }
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _inputs.Count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(DigitDataView parent, HashSet<int> active) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => parent.Schema;
        public override long Position => _position;
        public override long Batch => 0;

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (_position + 1 >= parent._inputs.Count) return false;
            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column) || column.Type.RawType != typeof(TValue))
                throw new InvalidOperationException(
                    $"column '{column.Name}' is not active in this cursor or is not of type {typeof(TValue).Name}");
            ValueGetter<TValue> getter = column.Index switch
            {
                0 => (ValueGetter<TValue>)(Delegate)(ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = Current.Source.AsMemory()),
                1 => (ValueGetter<TValue>)(Delegate)(ValueGetter<long>)((ref long v) => v = Current.Index),
                2 => (ValueGetter<TValue>)(Delegate)(ValueGetter<VBuffer<float>>)(GetFeatures),
                _ => (ref TValue v) => v = default!,
            };
            return getter;
        }

        private DigitInput Current => parent._inputs[(int)_position];

        private void GetFeatures(ref VBuffer<float> value)
        {
            var editor = VBufferEditor.Create(ref value, MnistResources.ImagePixels);
            Current.Features.CopyTo(editor.Values);
            value = editor.Commit();
        }
    }
}
