using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet.Scoring;

namespace Mnist.Serving.Models;

/// <summary>One loaded model file, ready to score from many threads: single images through a pool of prediction
/// engines, batches through the model's bulk <c>Transform</c>; probabilities come back in digit order, mapped from
/// output slots by the class labels of the model's card.</summary>
/// <remarks>Counts its users, so a model swapped out while requests still score on it is disposed by the last
/// of them, never under one.</remarks>
public sealed class ServedModel
{
    private readonly MLContext _mlContext;
    private readonly ITransformer _model;
    private readonly PooledPredictionEngine<MnistImage, MnistPrediction> _pool;
    private readonly DigitModel _digit;
    private int _users = 1;   // the slot holding the model is its first user

    private ServedModel(MLContext mlContext, ITransformer model, DigitModel digit, ServedFile file)
    {
        _mlContext = mlContext;
        _model = model;
        _pool = new PooledPredictionEngine<MnistImage, MnistPrediction>(mlContext, model);
        _digit = digit;
        Classes = Enumerable.Range(0, digit.Classes.Count).ToArray();
        File = file;
        Card = digit.Card;
    }

    /// <summary>The digits, in the order of <see cref="DigitScores.Probabilities"/>: 0, 1, ..., n-1.</summary>
    public IReadOnlyList<int> Classes { get; }

    /// <summary>Which file this model was loaded from, and when.</summary>
    public ServedFile File { get; }

    /// <summary>What the model says about itself, as saved (classes in output order).</summary>
    public ModelCard Card { get; }

    /// <summary>Loads <paramref name="path"/> and checks that it is a model fitted by Mnist.MLNet that scores 28x28
    /// images into digit probabilities.</summary>
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
        // The card first, as mnist predict does: a zip that is not a digit model is refused before ONNX Runtime starts.
        var digit = DigitModel.Read(info.FullName);
        if (!digit.HasDigitClasses)
            throw new SavedModelException(info.FullName, $"cannot serve it: classes are {string.Join(", ", digit.Card.ClassLabels)}; expected the digits 0-{digit.Card.ClassLabels.Count - 1}");
        var mlContext = new MLContext();
        var model = digit.Load(mlContext, out var inputSchema);
        ServedModel? served = null;
        try
        {
            var input = inputSchema.GetColumnOrNull(nameof(MnistImage.Features));
            if (input?.Type is not VectorDataViewType { ItemType: var item, Size: MnistImage.Pixels } || item != NumberDataViewType.Single)
                throw new InvalidDataException($"input column '{nameof(MnistImage.Features)}': expected " +
                    $"{new VectorDataViewType(NumberDataViewType.Single, MnistImage.Pixels)}, found {input?.Type.ToString() ?? "none"}");
            var file = new ServedFile(fullPath, target, size, written, DateTime.UtcNow);
            served = new ServedModel(mlContext, model, digit, file);
            served.Predict(new float[MnistImage.Pixels]);   // fails here, not on a request; and warms the pool
            return served;
        }
        catch (Exception e)
        {
            if (served is not null) served.Release();
            else (model as IDisposable)?.Dispose();
            if (e is InvalidDataException or ArgumentException or InvalidOperationException or FormatException)
                throw new SavedModelException(info.FullName, $"cannot serve it: {e.Message.Split('\n')[0]}", e);
            throw;
        }
    }

    /// <summary>Scores one image of 784 features in [0,1].</summary>
    public DigitScores Predict(float[] features)
    {
        var prediction = _pool.Predict(new MnistImage { Features = features });
        return Reorder(prediction.Score);
    }

    /// <summary>Scores many images in one bulk <c>Transform</c>.</summary>
    public IReadOnlyList<DigitScores> PredictBatch(IReadOnlyList<float[]> images)
    {
        var data = _mlContext.Data.LoadFromEnumerable(images.Select(f => new MnistImage { Features = f }));
        var scores = _model.Transform(data).GetColumn<float[]>(Card.ScoreColumnName);
        return scores.Select(Reorder).ToList();
    }

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
        if (Interlocked.Decrement(ref _users) != 0) return;
        _pool.Dispose();
        (_model as IDisposable)?.Dispose();
    }

    private DigitScores Reorder(float[] score)
    {
        if (score.Length != _digit.SlotOfClass.Count)
            throw new InvalidOperationException($"'{Card.ScoreColumnName}' holds {score.Length} values, expected {_digit.SlotOfClass.Count}");
        return new DigitScores(Classes, _digit.InClassOrder(score));
    }
}
