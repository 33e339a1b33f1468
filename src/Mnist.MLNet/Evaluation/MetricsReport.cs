using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mnist.MLNet.Evaluation;

/// <summary>Precision, recall and F1 of one class on the test split.</summary>
/// <param name="Support">Test images of this class.</param>
public sealed record ClassMetrics(int Label, string Name, double Precision, double Recall, double F1, long Support);

/// <summary>A test image the model got wrong, with the probability it gave its wrong answer.</summary>
/// <param name="Index">Row of the image in the test split (0-based).</param>
/// <param name="Pixels">The 28x28 image, row-major, 0-255, so plots can be redrawn without the data.</param>
public sealed record MisclassifiedImage(int Index, int TrueLabel, int PredictedLabel, double Probability, byte[] Pixels);

/// <summary>What training and evaluation found: test metrics, the confusion matrix, per-class figures, the most
/// confident mistakes and, after training, the history of each epoch. Saved as the <c>--metrics</c> JSON file.</summary>
public sealed record MetricsReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Converters = { new PixelsConverter() },
    };

    public required string Dataset { get; init; }
    public required IReadOnlyList<string> ClassNames { get; init; }
    public required long TestRows { get; init; }
    /// <summary>Share of test images classified correctly (ML.NET's micro-accuracy).</summary>
    public required double TestAccuracy { get; init; }
    public required double TestLogLoss { get; init; }
    /// <summary>Mean of the per-class accuracies.</summary>
    public required double MacroAccuracy { get; init; }
    /// <summary>Counts, <c>[true][predicted]</c>, classes in label order.</summary>
    public required long[][] ConfusionMatrix { get; init; }
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }
    /// <summary>Wrong answers, most confident first.</summary>
    public required IReadOnlyList<MisclassifiedImage> Misclassified { get; init; }
    /// <summary>Wall-clock seconds of training; null for a report made by evaluating a saved model.</summary>
    public double? TrainSeconds { get; init; }
    /// <summary>One entry per trained epoch; null for a report made by evaluating a saved model.</summary>
    public IReadOnlyList<EpochMetrics>? Epochs { get; init; }

    /// <summary>The report as indented camelCase JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes the JSON to <paramref name="path"/> all or nothing (a temporary file beside it, then a rename).</summary>
    public void Save(string path) => AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, this, Json));

    /// <summary>Reads a report written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a metrics report; the message names it.</exception>
    public static MetricsReport Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<MetricsReport>(stream, Json) ?? throw new InvalidDataException($"{path}: empty metrics file");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a metrics file ({e.Message})", e);
        }
    }

    // Pixels as a plain array of numbers: base64 (the default for byte[]) would be unreadable to other tools.
    private sealed class PixelsConverter : JsonConverter<byte[]>
    {
        public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<int[]>(ref reader)?.Select(v => (byte)v).ToArray() ?? [];

        public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var b in value) writer.WriteNumberValue(b);
            writer.WriteEndArray();
        }
    }
}
