namespace Mnist.MLNet.Data;

/// <summary>Another data view with one text annotation added to one column; rows pass through untouched.</summary>
/// <remarks>ML.NET's built-in transforms cannot attach an annotation of one's own; this view does it on the rows a
/// trainer reads, where nothing is saved.</remarks>
internal sealed class AnnotatedDataView : IDataView
{
    private readonly IDataView _inner;

    public AnnotatedDataView(IDataView inner, string columnName, string kind, string text)
    {
        _inner = inner;
        var target = inner.Schema.GetColumnOrNull(columnName)
            ?? throw new ArgumentOutOfRangeException(nameof(columnName), $"Column '{columnName}' not found.");
        var builder = new DataViewSchema.Builder();
        foreach (var column in inner.Schema)
        {
            if (column.Index != target.Index)
            {
                builder.AddColumn(column.Name, column.Type, column.Annotations);
                continue;
            }
            var annotations = new DataViewSchema.Annotations.Builder();
            annotations.Add(column.Annotations, name => name != kind);
            annotations.Add(kind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = text.AsMemory());
            builder.AddColumn(column.Name, column.Type, annotations.ToAnnotations());
        }
        Schema = builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => _inner.CanShuffle;

    public long? GetRowCount() => _inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, _inner.GetRowCursor(Inner(columnsNeeded), rand));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [.. _inner.GetRowCursorSet(Inner(columnsNeeded), n, rand).Select(c => new Cursor(this, c))];

    private IEnumerable<DataViewSchema.Column> Inner(IEnumerable<DataViewSchema.Column> columns) =>
        columns.Select(c => _inner.Schema[c.Index]).ToArray();

    private sealed class Cursor(AnnotatedDataView view, DataViewRowCursor inner) : DataViewRowCursor
    {
        public override DataViewSchema Schema => view.Schema;
        public override long Position => inner.Position;
        public override long Batch => inner.Batch;
        public override bool MoveNext() => inner.MoveNext();
        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(inner.Schema[column.Index]);
        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(inner.Schema[column.Index]);

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
