using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mnist.MLNet.Scoring;

/// <summary>The one answer to "is this a digit model, and how is it read", shared by the CLI and the server: a
/// multiclass model (by its card) that reads 28x28 images in a Single vector column, whose classes, when they are
/// the numbers 0..n-1, are read in that order.</summary>
/// <remarks>Score slots follow the order the training labels were keyed (by occurrence: MNIST's first label is 5),
/// not digit order; the card lists the label of each slot, and <see cref="SlotOfClass"/> undoes the order.</remarks>
public sealed class DigitModel
{
    private DigitModel(string source, ModelCard card, int[]? numericSlots)
    {
        Source = source;
        Card = card;
        HasDigitClasses = numericSlots is not null;
        SlotOfClass = numericSlots ?? Enumerable.Range(0, card.ClassLabels.Count).ToArray();
        Classes = SlotOfClass.Select(slot => card.ClassLabels[slot]).ToArray();
    }

    /// <summary>The model file (or a description of the model), as errors name it.</summary>
    public string Source { get; }

    /// <summary>The model's card, classes in output (score slot) order.</summary>
    public ModelCard Card { get; }

    /// <summary>Whether the classes are the numbers 0..n-1, so class i is the digit i.</summary>
    public bool HasDigitClasses { get; }

    /// <summary>The score slot of each class: <c>Score[SlotOfClass[i]]</c> is the probability of <see cref="Classes"/>[i].</summary>
    public IReadOnlyList<int> SlotOfClass { get; }

    /// <summary>The class labels in reading order: 0, 1, ..., n-1 for digits; the card's order otherwise.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Reads the card of the model zip at <paramref name="path"/> and checks it is a digit model.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">Not a model fitted by Mnist.MLNet, not multiclass, or not reading
    /// 28x28 images; the message names the file and the mismatch.</exception>
    public static DigitModel Read(string path)
    {
        var full = Path.GetFullPath(path);
        return Of(ModelCard.Read(full), full);
    }

    /// <summary>Checks that <paramref name="card"/> describes a digit model.</summary>
    /// <param name="source">The model file (or a description of the model) to name in errors.</param>
    /// <exception cref="SavedModelException">Not multiclass, or not reading 28x28 images.</exception>
    public static DigitModel Of(ModelCard card, string source)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.Task != MlpTask.MulticlassClassification)
            throw new SavedModelException(source, $"the model is a {card.Task} model, expected a multiclass classifier of digits");
        card.RequireImages(source, MnistImage.Rows, MnistImage.Columns);
        return new DigitModel(source, card, card.NumericClassSlots());
    }

    /// <summary>Checks that a loaded model's input schema has the card's feature column as a vector of
    /// <see cref="ModelCard.FeatureSize"/> Single.</summary>
    /// <exception cref="SavedModelException">The column is missing or of another type.</exception>
    public void CheckInput(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var expected = new VectorDataViewType(NumberDataViewType.Single, Card.FeatureSize);
        var features = inputSchema.GetColumnOrNull(Card.FeatureColumnName);
        if (features?.Type is not VectorDataViewType { ItemType: var item, Size: var size } || item != NumberDataViewType.Single || size != Card.FeatureSize)
            throw new SavedModelException(Source, $"input column '{Card.FeatureColumnName}': expected {expected} " +
                $"as the model card says, found {features?.Type.ToString() ?? "none"}");
    }

    /// <summary>Loads the model for scoring (<c>LoadChecked</c>) and checks its input against the card.</summary>
    /// <exception cref="SavedModelException">Not a loadable zip, or its input is not the card's.</exception>
    public ITransformer Load(MLContext mlContext, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var model = mlContext.Model.LoadChecked(Source, out inputSchema);
        try
        {
            CheckInput(inputSchema);
            return model;
        }
        catch
        {
            (model as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>The scores of one row in <see cref="Classes"/> order.</summary>
    public float[] InClassOrder(float[] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ordered = new float[SlotOfClass.Count];
        for (int c = 0; c < ordered.Length; c++) ordered[c] = scores[SlotOfClass[c]];
        return ordered;
    }
}
