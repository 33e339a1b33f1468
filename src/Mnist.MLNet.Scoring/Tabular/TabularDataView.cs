using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>Rows of a table already read and checked, as an ML.NET data view: one column per
/// <see cref="InputColumn"/>, Single for numbers (NaN when missing), Boolean, or text for categories.</summary>
/// <remarks>Files and JSON requests both become this view, so a model sees exactly the same values whichever way a
/// row arrives.</remarks>
public sealed class TabularDataView : IDataView
{
    private readonly Array[] _values;
    private readonly int _rowCount;

    /// <param name="values">Per column, in order: <c>float[]</c>, <c>bool[]</c> or <c>ReadOnlyMemory&lt;char&gt;[]</c>,
    /// each <paramref name="rowCount"/> long.</param>
    internal TabularDataView(IReadOnlyList<InputColumn> columns, Array[] values, int rowCount)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in columns)
            builder.AddColumn(column.Name, column.Kind switch
            {
                InputColumnKind.Number => NumberDataViewType.Single,
                InputColumnKind.Boolean => BooleanDataViewType.Instance,
                _ => (DataViewType)TextDataViewType.Instance,
            });
        Schema = builder.ToSchema();
        Columns = columns;
        _values = values;
        _rowCount = rowCount;
    }

    /// <summary>The columns, in schema order.</summary>
    public IReadOnlyList<InputColumn> Columns { get; }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => _rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [new Cursor(this)];

    private sealed class Cursor(TabularDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override bool MoveNext()
        {
            if (_position + 1 >= view._rowCount)
            {
                _position = view._rowCount;
                return false;
            }
            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (view._values[column.Index] is not TValue[] values)
                throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type}, not {typeof(TValue).Name}.");
            return (ref TValue value) => value = values[_position];
        }
    }
}
