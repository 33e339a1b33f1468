namespace Mnist.MLNet.Data;

/// <summary>
/// An <see cref="IDataView"/> over a pair of IDX files: <c>Label</c> (UInt32 0-9) and <c>Features</c>
/// (784 Single in [0,1], row-major 28x28, scaled by 1/255 as torchvision's <c>ToTensor</c> does).
/// </summary>
/// <remarks>Lazy: each cursor streams the files; nothing is held in memory between cursors. Row order is the
/// files' order; shuffle with <c>mlContext.Data.ShuffleRows</c>.</remarks>
public sealed class MnistDataView : IDataView
{
    public const string LabelColumnName = "Label";
    public const string FeaturesColumnName = "Features";

    private readonly string _imagesPath;
    private readonly string _labelsPath;
    private readonly int _count;
    private readonly int _classCount;

    /// <summary>Checks both headers (kind, image size, matching counts) and builds the view.</summary>
    /// <exception cref="IdxFormatException">A file is malformed, or the two files hold different numbers of items.</exception>
    public MnistDataView(string imagesPath, string labelsPath, int classCount = MnistResources.ClassCount)
    {
        var images = IdxReader.ReadHeader(imagesPath, IdxHeader.ImagesMagic, MnistResources.ImageRows, MnistResources.ImageColumns);
        var labels = IdxReader.ReadHeader(labelsPath, IdxHeader.LabelsMagic);
        if (images.Count != labels.Count)
            throw new IdxFormatException(labelsPath,
                $"holds {labels.Count} labels but {imagesPath} holds {images.Count} images");
        _imagesPath = imagesPath;
        _labelsPath = labelsPath;
        _count = images.Count;
        _classCount = classCount;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(LabelColumnName, NumberDataViewType.UInt32);
        builder.AddColumn(FeaturesColumnName, new VectorDataViewType(NumberDataViewType.Single, MnistResources.ImagePixels),
            ImageShapeAnnotation.Create(MnistResources.ImageRows, MnistResources.ImageColumns));
        Schema = builder.ToSchema();
    }

    /// <summary>The image file read by cursors.</summary>
    public string ImagesPath => _imagesPath;

    /// <summary>The label file read by cursors.</summary>
    public string LabelsPath => _labelsPath;

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : SequentialRowCursor
    {
        private const int BatchItems = 256;   // read files in blocks, not a row at a time

        private readonly MnistDataView _parent;
        private readonly IdxStream? _images;
        private readonly IdxStream? _labels;
        private readonly byte[] _imageBlock = new byte[BatchItems * MnistResources.ImagePixels];
        private readonly byte[] _labelBlock = new byte[BatchItems];
        private int _inBlock = BatchItems;
        private bool _disposed;

        public Cursor(MnistDataView parent, HashSet<int> active)
        {
            _parent = parent;
            try
            {
                if (active.Contains(1))
                    _images = IdxReader.Open(parent._imagesPath, IdxHeader.ImagesMagic, MnistResources.ImageRows, MnistResources.ImageColumns);
                if (active.Contains(0))
                    _labels = IdxReader.Open(parent._labelsPath, IdxHeader.LabelsMagic);
            }
            catch
            {
                _images?.Dispose();
                throw;
            }
        }

        public override DataViewSchema Schema => _parent.Schema;
        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == 0 ? _labels is not null : _images is not null;

        public override bool MoveNext()
        {
            if (_disposed || Position + 1 >= _parent._count) return false;
            Advance();
            if (++_inBlock >= BatchItems)
            {
                int items = (int)Math.Min(BatchItems, _parent._count - Position);
                _images?.ReadItems(_imageBlock, items);
                _labels?.ReadItems(_labelBlock, items);
                _inBlock = 0;
                if (_labels is not null)
                    for (int i = 0; i < items; i++)
                        if (_labelBlock[i] >= _parent._classCount)
                            throw new IdxFormatException(_parent._labelsPath,
                                $"label {_labelBlock[i]} at index {Position + i} is outside 0-{_parent._classCount - 1}");
            }
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index == 0 && _labels is not null && typeof(TValue) == typeof(uint))
                return (ValueGetter<TValue>)(Delegate)(ValueGetter<uint>)((ref uint value) => value = _labelBlock[_inBlock]);
            if (column.Index == 1 && _images is not null && typeof(TValue) == typeof(VBuffer<float>))
                return (ValueGetter<TValue>)(Delegate)(ValueGetter<VBuffer<float>>)(GetFeatures);
            throw new InvalidOperationException(
                $"column '{column.Name}' is not active in this cursor or is not of type {typeof(TValue).Name}");
        }

        private void GetFeatures(ref VBuffer<float> value)
        {
            var editor = VBufferEditor.Create(ref value, MnistResources.ImagePixels);
            var pixels = _imageBlock.AsSpan(_inBlock * MnistResources.ImagePixels, MnistResources.ImagePixels);
            for (int i = 0; i < pixels.Length; i++) editor.Values[i] = pixels[i] / 255f;
            value = editor.Commit();
        }

        protected override void Dispose(bool disposing)
        {
            if (_disposed) return;
            _disposed = true;
            if (disposing)
            {
                _images?.Dispose();
                _labels?.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
