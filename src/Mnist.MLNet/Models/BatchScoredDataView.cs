using Mnist.MLNet.Data;
using Microsoft.ML.OnnxRuntime;

namespace Mnist.MLNet.Models;

/// <summary>The output of <see cref="MlpPredictionTransformer.Transform"/>: the same columns as the saved ML.NET chain, with
/// <c>Score</c> and <c>PredictedLabel</c> computed by running the same ONNX graph on blocks of rows.</summary>
/// <remarks>ML.NET's ONNX transform calls ONNX Runtime once per row, which dominates bulk scoring; one call per
/// block of rows does the same arithmetic far faster. Output index i is key i + 1, as in the chain. Other columns
/// pass through from a second cursor over the input kept in step with the scored rows.</remarks>
internal sealed class BatchScoredDataView : IDataView
{
    private const int BlockRows = 1024;

    private readonly IDataView _input;
    private readonly ITransformer _chain;
    private readonly InferenceSession _session;
    private readonly string _featureColumnName;
    private readonly string _indexOutputName;
    private readonly int _inputSize;
    private readonly int _classCount;
    private readonly int _scoreIndex;
    private readonly int _predictedIndex;

    public BatchScoredDataView(IDataView input, ITransformer chain, InferenceSession session, string featureColumnName,
        string scoreColumnName, string predictedLabelColumnName, string indexOutputName, int inputSize, int classCount)
    {
        _input = input;
        _chain = chain;
        _session = session;
        _featureColumnName = featureColumnName;
        _indexOutputName = indexOutputName;
        _inputSize = inputSize;
        _classCount = classCount;
        Schema = chain.GetOutputSchema(input.Schema);
        _scoreIndex = Schema[scoreColumnName].Index;
        _predictedIndex = Schema[predictedLabelColumnName].Index;
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        var passThrough = new Dictionary<int, DataViewSchema.Column>();
        foreach (var column in needed.Where(c => c.Index != _scoreIndex && c.Index != _predictedIndex))
        {
            var source = column.IsHidden ? null : _input.Schema.GetColumnOrNull(column.Name);
            if (source is null || !source.Value.Type.Equals(column.Type))
                return _chain.Transform(_input).GetRowCursor(needed, rand);   // a shape this view does not map
            passThrough[column.Index] = source.Value;
        }
        return new Cursor(this, passThrough, needed.Any(c => c.Index == _scoreIndex || c.Index == _predictedIndex));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : SequentialRowCursor
    {
        private readonly BatchScoredDataView _view;
        private readonly Dictionary<int, DataViewSchema.Column> _passThrough;
        private readonly DataViewRowCursor? _scoring;
        private readonly DataViewRowCursor? _rows;
        private readonly ValueGetter<VBuffer<float>>? _getFeatures;
        private readonly float[] _features;
        private readonly float[] _scores;
        private readonly uint[] _keys;
        private readonly RunOptions _runOptions = new();
        private VBuffer<float> _row;
        private int _inBlock;
        private int _blockCount;
        private bool _done;

        public Cursor(BatchScoredDataView view, Dictionary<int, DataViewSchema.Column> passThrough, bool score)
        {
            _view = view;
            _passThrough = passThrough;
            var input = view._input;
            if (score || passThrough.Count == 0)
            {
                var features = input.Schema[view._featureColumnName];
                _scoring = input.GetRowCursor([features]);
                _getFeatures = _scoring.GetGetter<VBuffer<float>>(features);
            }
            if (passThrough.Count > 0) _rows = input.GetRowCursor(passThrough.Values.Distinct());
            int block = (int)Math.Min(BlockRows, Math.Max(1, input.GetRowCount() ?? BlockRows));
            _features = _scoring is null ? [] : new float[block * view._inputSize];
            _scores = _scoring is null ? [] : new float[block * view._classCount];
            _keys = _scoring is null ? [] : new uint[block];
            _inBlock = _blockCount = _keys.Length;
        }

        public override DataViewSchema Schema => _view.Schema;
        public override bool IsColumnActive(DataViewSchema.Column column) =>
            _passThrough.ContainsKey(column.Index) ||
            (_scoring is not null && (column.Index == _view._scoreIndex || column.Index == _view._predictedIndex));

        public override bool MoveNext()
        {
            if (_done) return false;
            if (_scoring is not null && ++_inBlock >= _blockCount && !ScoreNextBlock())
                return Finish();
            if (_rows is not null && !_rows.MoveNext())
                return Finish();
            Advance();
            return true;
        }

        private bool Finish()
        {
            _done = true;
            return false;
        }

        // Reads up to a block of feature rows and scores them in one ONNX Runtime call.
        private bool ScoreNextBlock()
        {
            int capacity = _keys.Length, inputSize = _view._inputSize, n = 0;
            while (n < capacity && _scoring!.MoveNext())
            {
                _getFeatures!(ref _row);
                if (_row.Length != inputSize)
                    throw new InvalidOperationException($"Features column '{_view._featureColumnName}' has {_row.Length} values in row {Position + n + 1}; the model expects {inputSize}.");
                _row.CopyTo(_features, n * inputSize);
                n++;
            }
            if (n == 0) return false;
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
                _features.AsMemory(0, n * inputSize), [n, inputSize]);
            using var outputs = _view._session.Run(_runOptions, [_view._featureColumnName], [input],
                [_view.Schema[_view._scoreIndex].Name, _view._indexOutputName]);
            outputs[0].GetTensorDataAsSpan<float>().CopyTo(_scores);
            var indices = outputs[1].GetTensorDataAsSpan<long>();
            for (int i = 0; i < n; i++) _keys[i] = checked((uint)indices[i] + 1);
            _inBlock = 0;
            _blockCount = n;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (_passThrough.TryGetValue(column.Index, out var source))
                return _rows!.GetGetter<TValue>(source);
            if (_scoring is not null && column.Index == _view._scoreIndex && typeof(TValue) == typeof(VBuffer<float>))
                return (ValueGetter<TValue>)(Delegate)(ValueGetter<VBuffer<float>>)GetScore;
            if (_scoring is not null && column.Index == _view._predictedIndex && typeof(TValue) == typeof(uint))
                return (ValueGetter<TValue>)(Delegate)(ValueGetter<uint>)((ref uint key) => key = _keys[_inBlock]);
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor or is not of type {typeof(TValue).Name}.");
        }

        private void GetScore(ref VBuffer<float> value)
        {
            int classes = _view._classCount;
            var editor = VBufferEditor.Create(ref value, classes);
            _scores.AsSpan(_inBlock * classes, classes).CopyTo(editor.Values);
            value = editor.Commit();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _scoring?.Dispose();
                _rows?.Dispose();
                _runOptions.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
