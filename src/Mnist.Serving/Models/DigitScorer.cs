using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet.Scoring;

namespace Mnist.Serving.Models;

/// <summary>Scores a digit model from many threads: single images through a pool of prediction engines, batches
/// through the model's bulk <c>Transform</c>; probabilities come back in digit order, mapped from output slots by
/// the class labels of the model's card.</summary>
internal sealed class DigitScorer : IDisposable
{
    private readonly MLContext _mlContext;
    private readonly ITransformer _model;
    private readonly PooledPredictionEngine<MnistImage, MnistPrediction> _pool;
    private readonly DigitModel _digit;

    private DigitScorer(MLContext mlContext, ITransformer model, DigitModel digit)
    {
        _mlContext = mlContext;
        _model = model;
        _pool = new PooledPredictionEngine<MnistImage, MnistPrediction>(mlContext, model);
        _digit = digit;
        Classes = Enumerable.Range(0, digit.Classes.Count).ToArray();
    }

    /// <summary>The digits, in the order of <see cref="DigitScores.Probabilities"/>: 0, 1, ..., n-1.</summary>
    public IReadOnlyList<int> Classes { get; }

    /// <summary>Loads a model whose card is a digit model's and checks that it reads 28x28 images.</summary>
    /// <exception cref="SavedModelException">Its classes are not the digits 0..n-1.</exception>
    public static DigitScorer Load(DigitModel digit)
    {
        if (!digit.HasDigitClasses)
            throw new SavedModelException(digit.Source, $"cannot serve it: classes are {string.Join(", ", digit.Card.ClassLabels)}; expected the digits 0-{digit.Card.ClassLabels.Count - 1}");
        var mlContext = new MLContext();
        var model = digit.Load(mlContext, out var inputSchema);
        try
        {
            var input = inputSchema.GetColumnOrNull(nameof(MnistImage.Features));
            if (input?.Type is not VectorDataViewType { ItemType: var item, Size: MnistImage.Pixels } || item != NumberDataViewType.Single)
                throw new InvalidDataException($"input column '{nameof(MnistImage.Features)}': expected " +
                    $"{new VectorDataViewType(NumberDataViewType.Single, MnistImage.Pixels)}, found {input?.Type.ToString() ?? "none"}");
            return new DigitScorer(mlContext, model, digit);
        }
        catch
        {
            (model as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>Scores one image of 784 features in [0,1].</summary>
    public DigitScores Predict(float[] features) => Reorder(_pool.Predict(new MnistImage { Features = features }).Score);

    /// <summary>Scores many images in one bulk <c>Transform</c>.</summary>
    public IReadOnlyList<DigitScores> PredictBatch(IReadOnlyList<float[]> images)
    {
        var data = _mlContext.Data.LoadFromEnumerable(images.Select(f => new MnistImage { Features = f }));
        var scores = _model.Transform(data).GetColumn<float[]>(_digit.Card.ScoreColumnName);
        return scores.Select(Reorder).ToList();
    }

    public void Dispose()
    {
        _pool.Dispose();
        (_model as IDisposable)?.Dispose();
    }

    private DigitScores Reorder(float[] score)
    {
        if (score.Length != _digit.SlotOfClass.Count)
            throw new InvalidOperationException($"'{_digit.Card.ScoreColumnName}' holds {score.Length} values, expected {_digit.SlotOfClass.Count}");
        return new DigitScores(Classes, _digit.InClassOrder(score));
    }
}
