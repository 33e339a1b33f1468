using System.Text.Json;
using System.Text.Json.Nodes;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Scoring.Pictures;
using Mnist.MLNet.Scoring.Tabular;

namespace Mnist.Serving.Models;

/// <summary>One loaded model file, ready to score from many threads. Its card says what it reads
/// (<see cref="Input"/>): digit images, the columns of a table, or pictures of a trained image folder; exactly one of
/// <see cref="Digits"/>, <see cref="Table"/> and <see cref="Pictures"/> is set.</summary>
/// <remarks>Counts its users, so a model swapped out while requests still score on it is disposed by the last
/// of them, never under one.</remarks>
public sealed class ServedModel
{
    private readonly IDisposable _scorer;
    private int _users = 1;   // the slot holding the model is its first user

    private ServedModel(IDisposable scorer, ModelCard card, ServedFile file)
    {
        _scorer = scorer;
        Card = card;
        File = file;
        Input = scorer switch { TabularModel => ModelInput.Table, PictureModel => ModelInput.Pictures, _ => ModelInput.Digits };
    }

    /// <summary>What the model reads.</summary>
    public ModelInput Input { get; }

    /// <summary>Which file this model was loaded from, and when.</summary>
    public ServedFile File { get; }

    /// <summary>What the model says about itself, as saved (classes in output order).</summary>
    public ModelCard Card { get; }

    /// <summary>The digits, in the order of <see cref="DigitScores.Probabilities"/>: 0, 1, ..., n-1 (digit models only).</summary>
    public IReadOnlyList<int> Classes => RequireDigits().Classes;

    /// <summary>The model of a table; null unless <see cref="Input"/> is <see cref="ModelInput.Table"/>.</summary>
    public TabularModel? Table => _scorer as TabularModel;

    /// <summary>The model of pictures; null unless <see cref="Input"/> is <see cref="ModelInput.Pictures"/>.</summary>
    public PictureModel? Pictures => _scorer as PictureModel;

    internal DigitScorer? Digits => _scorer as DigitScorer;

    /// <summary>Loads <paramref name="path"/> and checks that it is a model fitted by Mnist.MLNet that this server can
    /// serve: a model of a table or of pictures (by its card's input columns), else one of 28x28 digit images.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">Not a model this server can serve; the message says why.</exception>
    public static ServedModel Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        // Through any symbolic links to the file itself, read once: a link swapped meanwhile is picked up next.
        var (target, size, written) = ServedFile.IdentityOf(fullPath);
        if (!System.IO.File.Exists(target)) throw new FileNotFoundException($"{fullPath}: no such model file", fullPath);
        // Read before loading: a replacement landing meanwhile is newer than what is recorded here, so it is loaded next.
        var info = new FileInfo(target);
        // The card first, as mnist predict does: a zip that is no model of ours is refused before ONNX Runtime starts.
        var card = ModelCard.Read(info.FullName);
        IDisposable? scorer = null;
        try
        {
            scorer = TabularModel.IsTabular(card) ? TabularModel.Load(info.FullName)
                : PictureModel.IsPictureModel(card) ? PictureModel.Load(info.FullName)
                : DigitScorer.Load(DigitModel.Of(card, info.FullName));
            var served = new ServedModel(scorer, card, new ServedFile(fullPath, target, size, written, DateTime.UtcNow));
            served.WarmUp();   // fails here, not on a request; and warms the pool
            return served;
        }
        catch (Exception e)
        {
            scorer?.Dispose();
            if (e is InvalidDataException or ArgumentException or InvalidOperationException or FormatException or TabularInputException)
                throw new SavedModelException(info.FullName, $"cannot serve it: {e.Message.Split('\n')[0]}", e);
            throw;
        }
    }

    /// <summary>Scores one digit image of 784 features in [0,1].</summary>
    public DigitScores Predict(float[] features) => RequireDigits().Predict(features);

    /// <summary>Scores many digit images in one bulk <c>Transform</c>.</summary>
    public IReadOnlyList<DigitScores> PredictBatch(IReadOnlyList<float[]> images) => RequireDigits().PredictBatch(images);

    /// <summary>Takes the model for one request; false once it has been retired and disposed.</summary>
    internal bool TryAcquire()
    {
        for (int users = Volatile.Read(ref _users); users > 0; users = Volatile.Read(ref _users))
            if (Interlocked.CompareExchange(ref _users, users + 1, users) == users) return true;
        return false;
    }

    /// <summary>Gives the model back; the last user after retirement disposes it.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _users) == 0) _scorer.Dispose();
    }

    private DigitScorer RequireDigits() => Digits
        ?? throw new InvalidOperationException($"the served model reads {Input.ToString().ToLowerInvariant()}, not digit images");

    private void WarmUp()
    {
        switch (_scorer)
        {
            case TabularModel table:
                // Every number and category missing, booleans false: a row any model of the table must score.
                var row = new JsonObject();
                foreach (var column in table.InputColumns)
                    row[column.Name] = column.Kind == InputColumnKind.Boolean ? JsonValue.Create(false) : null;
                table.Predict(TabularRows.FromJson([JsonSerializer.SerializeToElement(row)], table.InputColumns, "a warm-up row"));
                break;
            case PictureModel pictures:
                pictures.Predict([new float[Card.FeatureSize]]);
                break;
            default:
                Predict(new float[MnistImage.Pixels]);
                break;
        }
    }
}
