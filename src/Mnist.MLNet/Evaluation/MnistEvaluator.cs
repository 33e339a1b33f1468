using Mnist.MLNet.Data;

namespace Mnist.MLNet.Evaluation;

/// <summary>Evaluates a trained MNIST pipeline on a labelled split with ML.NET's multiclass evaluator and adds what
/// the evaluator leaves out: the confusion matrix in label order, per-class F1, and the most confident mistakes.</summary>
public static class MnistEvaluator
{
    /// <summary>How many misclassified images a report keeps by default.</summary>
    public const int DefaultMisclassifiedCount = 24;

    /// <param name="model">A fitted pipeline <c>MapValueToKey("Label") -> MlpTrainer -> MapKeyToValue("PredictedLabel")</c>,
    /// trained or loaded from a zip.</param>
    /// <param name="data">Rows with <c>Label</c> (UInt32) and <c>Features</c>, e.g. <c>LoadMnist(dir, MnistSplit.Test)</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The scored data lacks a column of the expected type; the message names it.</exception>
    public static MetricsReport Evaluate(MLContext mlContext, ITransformer model, IDataView data,
        MnistDataset dataset = MnistDataset.Mnist, int misclassifiedCount = DefaultMisclassifiedCount)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(misclassifiedCount);

        // The card names the classes in output order; key k is ClassLabels[k - 1], the digit as text.
        var card = ModelCard.Read(model);
        var labelOfKey = DigitModel.Of(card, "the model") is { HasDigitClasses: true } digit && digit.Classes.Count == MnistResources.ClassNames(dataset).Count
            ? card.ClassLabels.Select(l => int.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : throw new ArgumentOutOfRangeException(nameof(model),
                $"The model's classes are [{string.Join(",", card.ClassLabels)}]; evaluating on {dataset} needs the labels 0-{MnistResources.ClassNames(dataset).Count - 1}.");
        var scored = model.Transform(data);
        var label = scored.Schema.GetColumnOrNull(card.LabelColumnName);
        if (label?.Type is not KeyDataViewType { Count: var classCount } || classCount != (ulong)labelOfKey.Length)
            throw new ArgumentOutOfRangeException(nameof(model),
                $"Scored column '{card.LabelColumnName}': expected Key<UInt32, 0-{labelOfKey.Length - 1}> (MapValueToKey in the pipeline), found {label?.Type.ToString() ?? "no column"}.");

        var metrics = mlContext.MulticlassClassification.Evaluate(scored, label.Value.Name,
            card.ScoreColumnName, card.PredictedLabelColumnName);
        var counts = metrics.ConfusionMatrix.Counts;
        var confusion = new long[classCount][];
        for (int t = 0; t < (int)classCount; t++) confusion[t] = new long[classCount];
        for (int t = 0; t < counts.Count; t++)
            for (int p = 0; p < counts[t].Count; p++)
                confusion[labelOfKey[t]][labelOfKey[p]] = (long)counts[t][p];

        var names = MnistResources.ClassNames(dataset);
        return new MetricsReport
        {
            Dataset = dataset.ToString().ToLowerInvariant(),
            ClassNames = names,
            TestRows = confusion.Sum(row => row.Sum()),
            TestAccuracy = metrics.MicroAccuracy,
            TestLogLoss = metrics.LogLoss,
            MacroAccuracy = metrics.MacroAccuracy,
            ConfusionMatrix = confusion,
            PerClass = PerClass(confusion, names),
            Misclassified = MostConfidentMistakes(scored, label.Value, card, labelOfKey, misclassifiedCount),
        };
    }

    /// <summary>The same report with the training run's history added.</summary>
    public static MetricsReport WithTraining(this MetricsReport report, IReadOnlyList<EpochMetrics> epochs, double trainSeconds) =>
        report with { Epochs = epochs, TrainSeconds = trainSeconds };

    private static ClassMetrics[] PerClass(long[][] confusion, IReadOnlyList<string> names)
    {
        int n = confusion.Length;
        var result = new ClassMetrics[n];
        for (int c = 0; c < n; c++)
        {
            long truePositive = confusion[c][c];
            long actual = confusion[c].Sum();
            long predicted = confusion.Sum(row => row[c]);
            double precision = predicted == 0 ? 0 : (double)truePositive / predicted;
            double recall = actual == 0 ? 0 : (double)truePositive / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            result[c] = new ClassMetrics(c, c < names.Count ? names[c] : c.ToString(), precision, recall, f1, actual);
        }
        return result;
    }

    private static MisclassifiedImage[] MostConfidentMistakes(IDataView scored, DataViewSchema.Column label, ModelCard card, int[] labelOfKey, int count)
    {
        var score = scored.Schema[card.ScoreColumnName];
        var features = scored.Schema[card.FeatureColumnName];
        var worst = new PriorityQueue<MisclassifiedImage, double>();   // lowest probability on top, dropped first
        using var cursor = scored.GetRowCursor([label, score, features]);
        var getLabel = cursor.GetGetter<uint>(label);
        var getScore = cursor.GetGetter<VBuffer<float>>(score);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        uint key = 0;
        VBuffer<float> scores = default, pixels = default;
        for (int index = 0; cursor.MoveNext(); index++)
        {
            getLabel(ref key);
            getScore(ref scores);
            var values = scores.DenseValues().ToArray();
            int predictedKey = Array.IndexOf(values, values.Max());   // score index i is key i + 1
            if (key == 0 || predictedKey == key - 1) continue;
            double probability = values[predictedKey];
            if (worst.Count == count && (count == 0 || probability <= worst.Peek().Probability)) continue;
            getFeatures(ref pixels);
            var image = new MisclassifiedImage(index, labelOfKey[key - 1], labelOfKey[predictedKey], probability,
                pixels.DenseValues().Select(p => (byte)Math.Clamp(Math.Round(p * 255), 0, 255)).ToArray());
            if (worst.Count == count) worst.Dequeue();
            worst.Enqueue(image, probability);
        }
        return [.. worst.UnorderedItems.Select(i => i.Element).OrderByDescending(i => i.Probability).ThenBy(i => i.Index)];
    }
}
