using Mnist.MLNet.Data;
using Mnist.MLNet.Scoring.Pictures;
using Mnist.MLNet.Tabular;

namespace Mnist.MLNet.Pictures;

/// <summary>A saved model of an image folder: predicts picture files, and evaluates on a folder of the same layout.
/// Its card's image shape [channels, rows, columns] says how to read a picture.</summary>
public sealed class ImageFolderModel
{
    private readonly MLContext _mlContext = new();
    private readonly ITransformer _model;

    private ImageFolderModel(ITransformer model, ModelCard card)
    {
        _model = model;
        Card = card;
    }

    /// <summary>What the model says about itself.</summary>
    public ModelCard Card { get; }

    private int Size => Card.ImageShape![1];
    private bool Color => Card.ImageShape![0] == 3;

    /// <summary>True when <paramref name="card"/> is that of a model trained on an image folder.</summary>
    public static bool IsImageFolder(ModelCard card) => PictureModel.IsPictureModel(card);

    /// <exception cref="SavedModelException">The model was not trained on an image folder.</exception>
    public static ImageFolderModel Load(string path)
    {
        var (model, card) = ModelFile.LoadOfKind(path, IsImageFolder, _ => "the model was not trained on an image folder (mnist train --images)");
        return new ImageFolderModel(model, card);
    }

    /// <summary>The predicted class and each class's probability (in the card's order) of every picture file.</summary>
    /// <exception cref="DigitInputException">A file is not a picture; the message names it.</exception>
    public IReadOnlyList<(string File, string Predicted, float[] Probabilities)> Predict(IReadOnlyList<string> files)
    {
        var rows = files.Select(f => new ImageFolder.Row { Picture = FolderPicture.Load(f, Size, Color) }).ToArray();
        var scored = _model.Transform(ImageFolder.ToDataView(_mlContext, rows, Size, Color));
        var predicted = scored.GetColumn<string>(Card.PredictedLabelColumnName).ToArray();
        var scores = scored.GetColumn<float[]>(Card.ScoreColumnName).ToArray();
        return [.. files.Select((f, i) => (Path.GetFullPath(f), predicted[i], scores[i]))];
    }

    /// <summary>ML.NET's multiclass metrics on every picture of <paramref name="directory"/> (one subfolder per class).</summary>
    public TabularMetrics Evaluate(string directory, CancellationToken ct = default) =>
        TabularEvaluator.Evaluate(_mlContext, _model, ImageFolder.List(directory).Load(_mlContext, Size, Color, ct));
}
