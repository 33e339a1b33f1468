using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mnist.MLNet.Network.Layers;

/// <summary>Writes a <see cref="LayerStack"/> as its spelling, so a checkpoint's best weights read back.</summary>
internal sealed class LayerStackJsonConverter : JsonConverter<LayerStack>
{
    public override LayerStack Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LayerStack.Parse(reader.GetString() ?? throw new JsonException("layer stack: expected its spelling"));

    public override void Write(Utf8JsonWriter writer, LayerStack value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary>Writes an <see cref="ActivationShape"/> as [channels, rows, columns], or [size] for a vector.</summary>
internal sealed class ActivationShapeJsonConverter : JsonConverter<ActivationShape>
{
    public override ActivationShape Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<int[]>(ref reader, options) switch
        {
            [var size] => ActivationShape.Vector(size),
            [var channels, var rows, var columns] => ActivationShape.Image(channels, rows, columns),
            _ => throw new JsonException("activation shape: expected [size] or [channels, rows, columns]"),
        };

    public override void Write(Utf8JsonWriter writer, ActivationShape value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.IsImage ? new[] { value.Channels, value.Rows, value.Columns } : [value.Size], options);
}
