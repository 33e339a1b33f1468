using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet.Scoring.Tabular;

namespace Mnist.MLNet.Scoring.Pictures;

/// <summary>A saved model of pictures (trained on an image folder), loaded with ML.NET alone: its card says, as one
/// input column of kind <see cref="InputColumnKind.Picture"/> and the image shape [channels, size, size], how big a
/// square to resize a picture to and whether to read it in colour. Thread-safe.</summary>
public sealed class PictureModel : IDisposable
{
    private readonly MLContext _mlContext = new();
    private readonly ITransformer _model;

    private PictureModel(ITransformer model, ModelCard card)
    {
        _model = model;
        Card = card;
        Size = card.ImageShape![1];
        Color = card.ImageShape[0] == 3;
    }

    /// <summary>What the model says about itself.</summary>
    public ModelCard Card { get; }

    /// <summary>The side of the square every picture is resized to.</summary>
    public int Size { get; }

    /// <summary>Whether pictures are read as red, green and blue planes (else grey).</summary>
    public bool Color { get; }

    /// <summary>The input column of pictures, as the card records it.</summary>
    public InputColumn Input => Card.InputColumns![0];

    /// <summary>True when <paramref name="card"/> says the model reads one picture per row.</summary>
    public static bool IsPictureModel(ModelCard card) =>
        card.InputColumns is [{ Kind: InputColumnKind.Picture }]
        && card.ImageShape is [1 or 3, var rows, var columns] && rows == columns
        && card.FeatureSize == card.ImageShape[0] * rows * columns;

    /// <summary>Loads the model zip at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">Not a model zip, or not a model of pictures.</exception>
    public static PictureModel Load(string path)
    {
        var (model, card) = ModelFile.LoadOfKind(path, IsPictureModel,
            _ => "the model was not trained on pictures (mnist train --images): its card records no picture input");
        return new PictureModel(model, card);
    }

    /// <summary>Predicts pictures given as features (<see cref="PictureFeatures"/>), in order.</summary>
    public IReadOnlyList<PicturePrediction> Predict(IReadOnlyList<float[]> pictures)
    {
        ArgumentNullException.ThrowIfNull(pictures);
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Picture)].ColumnName = Card.FeatureColumnName;
        definition[nameof(Row.Picture)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Card.FeatureSize);
        definition[nameof(Row.Label)].ColumnName = Card.LabelColumnName;
        var data = _mlContext.Data.LoadFromEnumerable(pictures.Select(p => new Row { Picture = p }), definition);
        var scored = _model.Transform(data);
        var predicted = scored.GetColumn<string>(Card.PredictedLabelColumnName).ToArray();
        var scores = scored.GetColumn<float[]>(Card.ScoreColumnName).ToArray();
        return [.. predicted.Select((label, i) => new PicturePrediction(label,
            Card.ClassLabels.Select((c, slot) => (c, slot)).ToDictionary(p => p.c, p => scores[i][p.slot])))];
    }

    public void Dispose() => (_model as IDisposable)?.Dispose();

    // The label is in the saved input schema; scoring rows leave it empty.
    private sealed class Row
    {
        public string Label { get; set; } = "";
        public float[] Picture { get; set; } = [];
    }
}
