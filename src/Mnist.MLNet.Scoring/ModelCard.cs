using System.Globalization;
using Microsoft.ML;

namespace Mnist.MLNet.Scoring;

/// <summary>What a saved model says about itself: the ONNX graph in the saved chain carries these facts as
/// <c>metadata_props</c>, written when the model was fitted, so loading code reads them instead of inferring
/// them from shapes and annotations.</summary>
/// <remarks>Record equality compares the list and dictionary members by reference; compare <see cref="ToMetadata"/>
/// for equal contents.</remarks>
public sealed record ModelCard
{
    /// <summary>The card format this library writes and reads (it reads older ones too).</summary>
    /// <remarks>Format 2 added <see cref="Task"/> and <see cref="LabelScaling"/>; a format-1 card is multiclass.
    /// Format 3 added <see cref="InputColumns"/>; format 4 records a model of pictures as one input column of kind
    /// <see cref="Tabular.InputColumnKind.Picture"/>.</remarks>
    public const int CurrentFormatVersion = 4;

    /// <summary>Version of the card's layout.</summary>
    public required int FormatVersion { get; init; }

    /// <summary>The library that fitted the model.</summary>
    public required string Producer { get; init; }

    /// <summary>The producing library's version.</summary>
    public required string ProducerVersion { get; init; }

    /// <summary>The input column: a vector of <see cref="FeatureSize"/> Single.</summary>
    public required string FeatureColumnName { get; init; }

    /// <summary>How many values the model reads per row.</summary>
    public required int FeatureSize { get; init; }

    /// <summary>Rows and columns when the features are a row-major image (28, 28 for MNIST), or channels, rows and
    /// columns for a channel-major one; null otherwise.</summary>
    public IReadOnlyList<int>? ImageShape { get; init; }

    /// <summary>The label column the model was trained on (a key made by <c>MapValueToKey</c>).</summary>
    public required string LabelColumnName { get; init; }

    /// <summary>The .NET type of the label's values before they became keys (<c>UInt32</c> for MNIST's digits).</summary>
    public required string LabelType { get; init; }

    /// <summary>The class labels in output order: <c>Score</c> slot i and key i + 1 are <c>ClassLabels[i]</c>
    /// (<c>False</c>, <c>True</c> for binary classification; empty for regression).</summary>
    public required IReadOnlyList<string> ClassLabels { get; init; }

    /// <summary>The output column of class probabilities.</summary>
    public required string ScoreColumnName { get; init; }

    /// <summary>The output column of the predicted class.</summary>
    public required string PredictedLabelColumnName { get; init; }

    /// <summary>What the model predicts; format-1 cards are all multiclass.</summary>
    public MlpTask Task { get; init; } = MlpTask.MulticlassClassification;

    /// <summary>For regression, how the label was standardised for training (the graph maps predictions back);
    /// null for classification.</summary>
    public LabelScaling? LabelScaling { get; init; }

    /// <summary>For a model of a table, the raw columns it reads (before featurisation), with how each is read; for a
    /// model of pictures, one column of kind <see cref="Tabular.InputColumnKind.Picture"/> read as <see cref="ImageShape"/>
    /// says; null for a model that reads its feature vector directly (digit images).</summary>
    public IReadOnlyList<Tabular.InputColumn>? InputColumns { get; init; }

    /// <summary>The trainer's options, by name, values in invariant culture.</summary>
    public IReadOnlyDictionary<string, string> TrainingOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Metrics of each training epoch, oldest first.</summary>
    public IReadOnlyList<EpochMetrics> History { get; init; } = [];

    /// <summary>Reads the card of the model zip at <paramref name="path"/> (saved by <c>mlContext.Model.Save</c>).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">The file is not a readable zip, or not a model fitted by Mnist.MLNet.</exception>
    public static ModelCard Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: no such model file", full);
        using var stream = File.OpenRead(full);
        return SavedGraph.ReadCard(stream, full);
    }

    /// <summary>Reads the card of <paramref name="model"/>: a model fitted in this process, or one loaded from a zip.</summary>
    /// <exception cref="SavedModelException">The model holds no card (it was not fitted by Mnist.MLNet).</exception>
    public static ModelCard Read(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Find(model) is { } card) return card;
        // A loaded chain keeps its ONNX graph inside ML.NET's transform; saving it is the public way to reach it.
        using var stream = new MemoryStream();
        new MLContext().Model.Save(model, null, stream);
        stream.Position = 0;
        return SavedGraph.ReadCard(stream, "the model");
    }

    /// <summary>Throws unless the model reads <paramref name="rows"/> x <paramref name="columns"/> images.</summary>
    /// <param name="source">The model file (or a description of the model) to name in the error.</param>
    /// <exception cref="SavedModelException">The model reads other features; the message says which.</exception>
    public void RequireImages(string source, int rows, int columns)
    {
        // A one-channel [1, rows, columns] shape (a convolutional stack's) reads the same pixels.
        var plane = ImageShape switch { [var r, var c] => (r, c), [1, var r, var c] => (r, c), _ => ((int, int)?)null };
        if (plane == (rows, columns) && FeatureSize == rows * columns) return;
        var found = ImageShape is { Count: > 0 } shape
            ? $"{string.Join("x", shape)} images"
            : $"{FeatureSize} features that are not an image";
        throw new SavedModelException(source,
            $"the model reads {found} in column '{FeatureColumnName}', expected {rows}x{columns} images");
    }

    /// <summary>The card as ONNX <c>metadata_props</c> entries.</summary>
    public IReadOnlyDictionary<string, string> ToMetadata() => ModelCardMetadata.Write(this);

    /// <summary>Reads a card from ONNX <c>metadata_props</c> entries.</summary>
    /// <param name="source">The file (or a description of the model) to name in errors.</param>
    /// <exception cref="SavedModelException">The entries hold no card, or a malformed one; the message names the key.</exception>
    public static ModelCard FromMetadata(IReadOnlyDictionary<string, string> metadata, string source) =>
        ModelCardMetadata.Read(metadata, source);

    /// <summary>The card with its classes reordered: output i becomes output <paramref name="order"/>[i]'s.</summary>
    public ModelCard WithClassOrder(IReadOnlyList<int> order) =>
        this with { ClassLabels = order.Select(i => ClassLabels[i]).ToArray() };

    /// <summary>Output slot of each class when the labels are the numbers 0..n-1 (MNIST's digits): slot
    /// <c>[d]</c> scores label d. Null for other labels.</summary>
    public int[]? NumericClassSlots()
    {
        var numbers = ClassLabels.Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        if (!numbers.Order().SequenceEqual(Enumerable.Range(0, numbers.Length))) return null;
        return Enumerable.Range(0, numbers.Length).Select(d => Array.IndexOf(numbers, d)).ToArray();
    }

    private static ModelCard? Find(ITransformer model) => model switch
    {
        IModelCardProvider provider => provider.Card,
        IEnumerable<ITransformer> chain => chain.Select(Find).FirstOrDefault(card => card is not null),
        _ => null,
    };
}
