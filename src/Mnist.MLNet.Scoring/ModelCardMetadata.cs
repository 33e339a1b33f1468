using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mnist.MLNet.Scoring;

/// <summary>The <see cref="ModelCard"/> as ONNX <c>metadata_props</c>: one string entry per field, lists and
/// dictionaries as JSON, numbers in invariant culture.</summary>
internal static class ModelCardMetadata
{
    // Keys are namespaced so that other tools' metadata in the same graph cannot collide with them.
    public const string FormatVersion = "mnist.format_version";
    public const string Producer = "mnist.producer";
    public const string ProducerVersion = "mnist.producer_version";
    public const string FeatureColumn = "mnist.feature_column";
    public const string FeatureSize = "mnist.feature_size";
    public const string ImageShape = "mnist.image_shape";
    public const string LabelColumn = "mnist.label_column";
    public const string LabelType = "mnist.label_type";
    public const string ClassLabels = "mnist.class_labels";
    public const string ScoreColumn = "mnist.score_column";
    public const string PredictedLabelColumn = "mnist.predicted_label_column";
    public const string TrainingOptions = "mnist.training_options";
    public const string History = "mnist.history";
    public const string Task = "mnist.task";
    public const string LabelScaling = "mnist.label_scaling";
    public const string InputColumns = "mnist.input_columns";
    public const string DecisionThreshold = "mnist.decision_threshold";

    // Doubles round-trip exactly through System.Text.Json; named literals keep a NaN loss writable.
    // Enums by name, so the card reads the same in any ONNX viewer.
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyDictionary<string, string> Write(ModelCard card)
    {
        var metadata = new Dictionary<string, string>
        {
            [FormatVersion] = Number(card.FormatVersion),
            [Producer] = card.Producer,
            [ProducerVersion] = card.ProducerVersion,
            [FeatureColumn] = card.FeatureColumnName,
            [FeatureSize] = Number(card.FeatureSize),
            [LabelColumn] = card.LabelColumnName,
            [LabelType] = card.LabelType,
            [ClassLabels] = JsonSerializer.Serialize(card.ClassLabels, Json),
            [ScoreColumn] = card.ScoreColumnName,
            [PredictedLabelColumn] = card.PredictedLabelColumnName,
            [TrainingOptions] = JsonSerializer.Serialize(card.TrainingOptions, Json),
            [History] = JsonSerializer.Serialize(card.History, Json),
        };
        if (card.ImageShape is { } shape) metadata[ImageShape] = string.Join(",", shape.Select(Number));
        // Absent means multiclass, as every format-1 card is.
        if (card.Task != MlpTask.MulticlassClassification) metadata[Task] = card.Task.ToString();
        if (card.LabelScaling is { } scaling) metadata[LabelScaling] = JsonSerializer.Serialize(scaling, Json);
        if (card.InputColumns is { } columns) metadata[InputColumns] = JsonSerializer.Serialize(columns, Json);
        if (card.DecisionThreshold is { } threshold) metadata[DecisionThreshold] = threshold.ToString("R", CultureInfo.InvariantCulture);
        return metadata;
    }

    public static ModelCard Read(IReadOnlyDictionary<string, string> metadata, string source)
    {
        if (!metadata.TryGetValue(FormatVersion, out var versionText))
            throw new SavedModelException(source, $"the model carries no model card (no '{FormatVersion}' metadata): it was not fitted by Mnist.MLNet, or by a version before model cards");
        var version = Int(source, FormatVersion, versionText);
        if (version < 1 || version > ModelCard.CurrentFormatVersion)
            throw new SavedModelException(source,
                $"model card format {version}, expected 1 to {ModelCard.CurrentFormatVersion} (written by a newer Mnist.MLNet?)");
        return new ModelCard
        {
            FormatVersion = version,
            Producer = Text(metadata, source, Producer),
            ProducerVersion = Text(metadata, source, ProducerVersion),
            FeatureColumnName = Text(metadata, source, FeatureColumn),
            FeatureSize = Int(source, FeatureSize, Text(metadata, source, FeatureSize)),
            ImageShape = metadata.TryGetValue(ImageShape, out var shape)
                ? shape.Split(',').Select(d => Int(source, ImageShape, d)).ToArray()
                : null,
            LabelColumnName = Text(metadata, source, LabelColumn),
            LabelType = Text(metadata, source, LabelType),
            ClassLabels = FromJson<string[]>(metadata, source, ClassLabels),
            ScoreColumnName = Text(metadata, source, ScoreColumn),
            PredictedLabelColumnName = Text(metadata, source, PredictedLabelColumn),
            TrainingOptions = FromJson<Dictionary<string, string>>(metadata, source, TrainingOptions),
            History = FromJson<EpochMetrics[]>(metadata, source, History),
            Task = metadata.TryGetValue(Task, out var task) ? ParseTask(source, task) : MlpTask.MulticlassClassification,
            LabelScaling = metadata.ContainsKey(LabelScaling) ? FromJson<LabelScaling>(metadata, source, LabelScaling) : null,
            InputColumns = metadata.ContainsKey(InputColumns) ? FromJson<Tabular.InputColumn[]>(metadata, source, InputColumns) : null,
            DecisionThreshold = metadata.TryGetValue(DecisionThreshold, out var threshold) ? Probability(source, threshold) : null,
        };
    }

    private static MlpTask ParseTask(string source, string text) =>
        Enum.TryParse<MlpTask>(text, ignoreCase: false, out var task) && Enum.IsDefined(task) && !int.TryParse(text, out _) ? task
            : throw new SavedModelException(source, $"model card entry '{Task}' is '{text}', expected one of {string.Join(", ", Enum.GetNames<MlpTask>())}");

    private static double Probability(string source, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value < 1 ? value
            : throw new SavedModelException(source, $"model card entry '{DecisionThreshold}' is '{text}', expected a probability between 0 and 1");

    private static string Text(IReadOnlyDictionary<string, string> metadata, string source, string key) =>
        metadata.TryGetValue(key, out var value) ? value
            : throw new SavedModelException(source, $"the model card lacks '{key}'");

    private static int Int(string source, string key, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
            : throw new SavedModelException(source, $"model card entry '{key}' is '{text}', expected an integer");

    private static T FromJson<T>(IReadOnlyDictionary<string, string> metadata, string source, string key)
    {
        var text = Text(metadata, source, key);
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json)
                ?? throw new SavedModelException(source, $"model card entry '{key}' is null");
        }
        catch (JsonException e)
        {
            throw new SavedModelException(source, $"model card entry '{key}' is not valid JSON ({e.Message})", e);
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
