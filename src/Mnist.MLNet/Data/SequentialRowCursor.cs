namespace Mnist.MLNet.Data;

/// <summary>A cursor that visits rows once, in order, in a single batch: its row id is its position.</summary>
internal abstract class SequentialRowCursor : DataViewRowCursor
{
    private long _position = -1;

    public sealed override long Position => _position;
    public sealed override long Batch => 0;

    public sealed override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

    /// <summary>Moves the position to the next row, once that row is ready.</summary>
    protected void Advance() => _position++;
}
