using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>A saved model of a table, loaded with ML.NET alone: its card says which raw columns it reads, and
/// <see cref="Predict(IDataView)"/> turns rows of them into predictions for the card's task. Thread-safe.</summary>
public sealed class TabularModel : IDisposable
{
    private const string ProbabilityColumnName = "Probability";
    private readonly ITransformer _model;

    private TabularModel(ITransformer model, ModelCard card, IReadOnlyList<InputColumn> inputColumns)
    {
        _model = model;
        Card = card;
        InputColumns = inputColumns;
    }

    /// <summary>What the model says about itself.</summary>
    public ModelCard Card { get; }

    /// <summary>The raw columns each row must have.</summary>
    public IReadOnlyList<InputColumn> InputColumns { get; }

    /// <summary>The label column as rows to evaluate on hold it: a number (regression), true/false (binary) or a class.</summary>
    public InputColumn LabelColumn => LabelOf(Card);

    /// <summary>True when the model at <paramref name="card"/> reads the raw columns of a table.</summary>
    public static bool IsTabular(ModelCard card) =>
        card.InputColumns is { Count: > 0 } columns && columns.All(c => c.Kind != InputColumnKind.Picture);

    /// <summary>The label column of a tabular model's <paramref name="card"/>.</summary>
    public static InputColumn LabelOf(ModelCard card) => new(card.LabelColumnName, card.Task switch
    {
        MlpTask.Regression => InputColumnKind.Number,
        MlpTask.BinaryClassification => InputColumnKind.Boolean,
        _ when HasNumericClasses(card) => InputColumnKind.Number,
        _ => InputColumnKind.Category,
    }, card.Task == MlpTask.MulticlassClassification ? card.ClassLabels : null);

    /// <summary>True for a multiclass model whose label column held numbers (its classes are Single values).</summary>
    public static bool HasNumericClasses(ModelCard card) =>
        card.Task == MlpTask.MulticlassClassification && card.LabelType == nameof(Single);

    /// <summary>Loads the model zip at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">Not a model zip, or a model that does not read a table (a digit model).</exception>
    public static TabularModel Load(string path)
    {
        var (model, card) = ModelFile.LoadOfKind(path, IsTabular,
            read => $"the model reads {read.FeatureSize} features in column '{read.FeatureColumnName}', not the columns of a table");
        return new TabularModel(model, card, card.InputColumns!);
    }

    /// <summary>Predicts every row of <paramref name="rows"/> (read by <see cref="TabularRows"/>), in order.</summary>
    public IReadOnlyList<TabularPrediction> Predict(IDataView rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scored = _model.Transform(rows);
        var columns = new[] { Card.ScoreColumnName, Card.PredictedLabelColumnName, ProbabilityColumnName }
            .Select(scored.Schema.GetColumnOrNull).Where(c => c is not null).Select(c => c!.Value).ToArray();
        using var cursor = scored.GetRowCursor(columns);
        var predictions = new List<TabularPrediction>();
        var read = Reader(cursor);
        while (cursor.MoveNext()) predictions.Add(read());
        return predictions;
    }

    /// <summary>Predicts the rows of a CSV file (columns by header name, others ignored).</summary>
    /// <exception cref="TabularInputException">A column is missing or a value does not parse.</exception>
    public IReadOnlyList<TabularPrediction> Predict(CsvTable table) => Predict(TabularRows.FromCsv(table, InputColumns));

    public void Dispose() => (_model as IDisposable)?.Dispose();

    // The predicted class as the card spells its class labels: text as it is, a number as the card wrote it.
    private static Func<string> PredictedLabelText(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type.RawType == typeof(float))
        {
            var number = cursor.GetGetter<float>(column);
            return () =>
            {
                float value = 0;
                number(ref value);
                return Convert.ToString(value, CultureInfo.InvariantCulture);
            };
        }
        var text = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        return () =>
        {
            ReadOnlyMemory<char> value = default;
            text(ref value);
            return value.ToString();
        };
    }

    private Func<TabularPrediction> Reader(DataViewRowCursor cursor)
    {
        var schema = cursor.Schema;
        switch (Card.Task)
        {
            case MlpTask.Regression:
            {
                var score = cursor.GetGetter<float>(schema[Card.ScoreColumnName]);
                return () =>
                {
                    float value = 0;
                    score(ref value);
                    return new TabularPrediction(value.ToString("R", CultureInfo.InvariantCulture), null, null, value);
                };
            }
            case MlpTask.BinaryClassification:
            {
                var score = cursor.GetGetter<float>(schema[Card.ScoreColumnName]);
                var probability = cursor.GetGetter<float>(schema[ProbabilityColumnName]);
                var label = cursor.GetGetter<bool>(schema[Card.PredictedLabelColumnName]);
                return () =>
                {
                    float s = 0, p = 0;
                    bool l = false;
                    score(ref s);
                    probability(ref p);
                    label(ref l);
                    return new TabularPrediction(l ? bool.TrueString : bool.FalseString, null, p, s);
                };
            }
            default:
            {
                var score = cursor.GetGetter<VBuffer<float>>(schema[Card.ScoreColumnName]);
                var label = PredictedLabelText(cursor, schema[Card.PredictedLabelColumnName]);
                return () =>
                {
                    VBuffer<float> scores = default;
                    score(ref scores);
                    var values = scores.DenseValues().ToArray();
                    var probabilities = Card.ClassLabels.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => values[p.i]);
                    var predicted = label();
                    return new TabularPrediction(predicted, probabilities, null, probabilities.GetValueOrDefault(predicted));
                };
            }
        }
    }
}
