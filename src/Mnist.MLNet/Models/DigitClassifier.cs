using Mnist.MLNet.Data;
using Mnist.MLNet.Network;

namespace Mnist.MLNet.Models;

/// <summary>A saved MLP model loaded for prediction and export: scores digits through the model's own ML.NET
/// pipeline and hands out its weights with the outputs in class order.</summary>
/// <remarks>The feature column, the image shape and the class labels come from the model's card.</remarks>
public sealed class DigitClassifier
{
    private readonly ITransformer _model;
    private readonly DataViewSchema.Column[] _placeholders;
    private readonly int[] _slotOfClass;

    private DigitClassifier(string path, MlpWeights weights, ModelCard card, ITransformer model,
        DataViewSchema.Column[] placeholders, int[] slotOfClass)
    {
        ModelPath = path;
        Weights = weights;
        Card = card;
        _model = model;
        _placeholders = placeholders;
        _slotOfClass = slotOfClass;
        Classes = slotOfClass.Select(slot => card.ClassLabels[slot]).ToArray();
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>What the model says about itself, as saved (classes in output order).</summary>
    public ModelCard Card { get; }

    /// <summary>The network as stored: output i is the label key i + 1, in the order the training labels were keyed.</summary>
    public MlpWeights Weights { get; }

    /// <summary>The class labels, in the order of <see cref="DigitPrediction.Probabilities"/> and of
    /// <see cref="ClassOrderedWeights"/>' outputs: 0, 1, ..., n-1 when the labels are those numbers (MNIST's digits).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The card with its classes in <see cref="Classes"/> order, as <see cref="ClassOrderedWeights"/> has them.</summary>
    public ModelCard ClassOrderedCard => Card.WithClassOrder(_slotOfClass);

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

    /// <summary>Loads the model saved at <paramref name="path"/> (by <c>mlContext.Model.Save</c> of an MLP pipeline)
    /// for scoring digit images.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">Not such a model, or one that does not read 28x28 images.</exception>
    public static DigitClassifier Load(string path, MLContext? mlContext = null)
    {
        var full = Path.GetFullPath(path);
        var (weights, card) = SavedModel.Read(full);
        var digit = DigitModel.Of(card, full);
        var model = digit.Load(mlContext ?? new MLContext(), out var inputSchema);
        // A saved pipeline may read columns prediction has no values for (usually the raw Label); they get defaults.
        var placeholders = inputSchema.Where(c => !c.IsHidden && c.Name != card.FeatureColumnName && c.Type is not VectorDataViewType).ToArray();
        return new DigitClassifier(full, weights, card, model, placeholders, [.. digit.SlotOfClass]);
    }

    /// <summary>Scores every input in one <c>Transform</c> over a <see cref="DigitDataView"/>.</summary>
    public IReadOnlyList<DigitPrediction> Predict(IReadOnlyList<DigitInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var scored = _model.Transform(new DigitDataView(inputs, Card.FeatureColumnName, _placeholders));
        var scores = scored.GetColumn<float[]>(Card.ScoreColumnName).ToArray();
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
}
