using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet.Data;

namespace Mnist.MLNet.Scoring;

/// <summary>A saved MLP model loaded for prediction and export: scores digits through the model's own ML.NET
/// pipeline and hands out its weights with the outputs in class order.</summary>
public sealed class DigitClassifier
{
    // ML.NET's name for the key-values annotation; its own constant (AnnotationUtils.Kinds) is internal.
    private const string KeyValuesKind = "KeyValues";

    private readonly ITransformer _model;
    private readonly string _featuresColumnName;
    private readonly DataViewSchema.Column[] _placeholders;
    private readonly int[] _slotOfClass;

    private DigitClassifier(string path, MlpWeights weights, ITransformer model, string featuresColumnName,
        DataViewSchema.Column[] placeholders, IReadOnlyList<string> classes, int[] slotOfClass)
    {
        ModelPath = path;
        Weights = weights;
        _model = model;
        _featuresColumnName = featuresColumnName;
        _placeholders = placeholders;
        Classes = classes;
        _slotOfClass = slotOfClass;
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>The network as stored: output i is the label key i + 1, in the order the training labels were keyed.</summary>
    public MlpWeights Weights { get; }

    /// <summary>The class labels, in the order of <see cref="DigitPrediction.Probabilities"/> and of
    /// <see cref="ClassOrderedWeights"/>' outputs: 0, 1, ..., n-1 when the labels are those numbers (MNIST's digits).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The network with its outputs reordered to <see cref="Classes"/>: for MNIST, output i is digit i, as a
    /// PyTorch or ONNX user of the exported network expects.</summary>
    public MlpWeights ClassOrderedWeights
    {
        get
        {
            var last = Weights.Layers[^1];
            var weight = new float[last.Weight.Length];
            var bias = new float[last.Bias.Length];
            for (int c = 0; c < _slotOfClass.Length; c++)
            {
                int slot = _slotOfClass[c];
                Array.Copy(last.Weight, slot * last.InputSize, weight, c * last.InputSize, last.InputSize);
                bias[c] = last.Bias[slot];
            }
            return new MlpWeights([.. Weights.Layers.Take(Weights.Layers.Count - 1), last with { Weight = weight, Bias = bias }]);
        }
    }

    /// <summary>Loads the model saved at <paramref name="path"/> (by <c>mlContext.Model.Save</c> of an MLP pipeline).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">Not such a model.</exception>
    public static DigitClassifier Load(string path, MLContext? mlContext = null)
    {
        var weights = SavedModel.ReadWeights(path);
        mlContext ??= new MLContext();
        var model = mlContext.Model.LoadChecked(path, out var inputSchema);

        var features = inputSchema.Cast<DataViewSchema.Column?>().FirstOrDefault(c => !c!.Value.IsHidden
                && c.Value.Type is VectorDataViewType { ItemType: var item, Size: var size } && item == NumberDataViewType.Single && size == weights.InputSize)
            ?? throw new SavedModelException(path,
                $"the model reads no column of {new VectorDataViewType(NumberDataViewType.Single, weights.InputSize)} (its input: {Describe(inputSchema)})");
        var featuresColumn = features;
        var placeholders = inputSchema.Where(c => !c.IsHidden && c.Index != featuresColumn.Index && c.Type is not VectorDataViewType).ToArray();

        DataViewSchema output;
        try
        {
            output = model.GetOutputSchema(new DigitDataView([], featuresColumn.Name, placeholders).Schema);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new SavedModelException(path, $"the model cannot score digits ({e.Message})", e);
        }
        var score = output.GetColumnOrNull(MlpTransformer.DefaultScoreColumnName);
        if (score?.Type is not VectorDataViewType { Size: var classCount } || classCount != weights.OutputSize)
            throw new SavedModelException(path,
                $"output column '{MlpTransformer.DefaultScoreColumnName}': expected {weights.OutputSize} probabilities, found {score?.Type.ToString() ?? "none"}");

        var slotLabels = SlotLabels(output, weights.OutputSize);
        var slotOfClass = ClassOrder(slotLabels);
        return new DigitClassifier(path, weights, model, featuresColumn.Name, placeholders,
            slotOfClass.Select(s => slotLabels[s]).ToArray(), slotOfClass);
    }

    /// <summary>Scores every input in one <c>Transform</c> over a <see cref="DigitDataView"/>.</summary>
    public IReadOnlyList<DigitPrediction> Predict(IReadOnlyList<DigitInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var scored = _model.Transform(new DigitDataView(inputs, _featuresColumnName, _placeholders));
        var scores = scored.GetColumn<float[]>(MlpTransformer.DefaultScoreColumnName).ToArray();
        var result = new DigitPrediction[inputs.Count];
        for (int r = 0; r < result.Length; r++)
        {
            var probabilities = _slotOfClass.Select(slot => scores[r][slot]).ToArray();
            int best = 0;
            for (int c = 1; c < probabilities.Length; c++) if (probabilities[c] > probabilities[best]) best = c;
            result[r] = new DigitPrediction(inputs[r].Source, inputs[r].Index, Classes[best], probabilities[best], probabilities);
        }
        return result;
    }

    // The MLP's PredictedLabel key column (hidden once MapKeyToValue has replaced it) carries the label of each key.
    private static string[] SlotLabels(DataViewSchema output, int classCount)
    {
        var key = output.Cast<DataViewSchema.Column?>().LastOrDefault(c => c!.Value.Name == MlpTransformer.DefaultPredictedLabelColumnName
            && c.Value.Type is KeyDataViewType && c.Value.Annotations.Schema.GetColumnOrNull(KeyValuesKind) is not null);
        if (key is not { } column) return Enumerable.Range(0, classCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var itemType = ((VectorDataViewType)column.Annotations.Schema[KeyValuesKind].Type).ItemType.RawType;
        var labels = itemType switch
        {
            var t when t == typeof(ReadOnlyMemory<char>) => KeyValues<ReadOnlyMemory<char>>(column),
            var t when t == typeof(uint) => KeyValues<uint>(column),
            var t when t == typeof(int) => KeyValues<int>(column),
            var t when t == typeof(long) => KeyValues<long>(column),
            var t when t == typeof(ulong) => KeyValues<ulong>(column),
            var t when t == typeof(float) => KeyValues<float>(column),
            var t when t == typeof(double) => KeyValues<double>(column),
            var t when t == typeof(bool) => KeyValues<bool>(column),
            _ => Enumerable.Range(0, classCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        };
        return labels.Length == classCount ? labels : Enumerable.Range(0, classCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    private static string[] KeyValues<T>(DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray();
    }

    // Labels 0..n-1 (MNIST's digits) are put in numeric order; any other labels keep the model's order.
    private static int[] ClassOrder(string[] slotLabels)
    {
        var numbers = slotLabels.Select(l => int.TryParse(l, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        if (numbers.Order().SequenceEqual(Enumerable.Range(0, slotLabels.Length)))
            return Enumerable.Range(0, slotLabels.Length).Select(c => Array.IndexOf(numbers, c)).ToArray();
        return Enumerable.Range(0, slotLabels.Length).ToArray();
    }

    private static string Describe(DataViewSchema schema) =>
        string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"{c.Name} {c.Type}"));
}
