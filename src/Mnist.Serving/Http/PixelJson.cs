using System.Text;
using System.Text.Json;
using Mnist.MLNet.Scoring;

namespace Mnist.Serving.Http;

/// <summary>Reads the JSON bodies of the API: <c>{"pixels": [784 numbers]}</c> and <c>{"images": [[784 numbers], ...]}</c>.</summary>
/// <remarks>Pixels are row-major 28x28, 0-1 or 0-255 (an image with a value above 1 is read as 0-255), taken as
/// MNIST features as they are, like a CSV row given to <c>mnist predict</c>; pictures go through the image body.
/// The body is read token by token, so a limit (an image past 784 values, a batch past its image count) stops the
/// parse where it is crossed rather than after millions of numbers; duplicate keys are refused rather than one of
/// them silently winning; a UTF-8 byte-order mark is skipped.</remarks>
internal static class PixelJson
{
    /// <summary>The 784 features of a <c>{"pixels": [...]}</c> body.</summary>
    public static float[] ReadSingle(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = JsonTokens.Open(body, "pixels");
            float[]? pixels = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (JsonTokens.NextProperty(ref reader, seen) is { } name)
            {
                if (name == "pixels") pixels = Image(ref reader, "pixels");
                else reader.Skip();
            }
            JsonTokens.Close(ref reader);
            return pixels ?? throw new BadInputException("body has no 'pixels'");
        }
        catch (JsonException e)
        {
            throw JsonTokens.Malformed(e);
        }
    }

    /// <summary>The images of a <c>{"images": [[...], ...]}</c> body; 413 as soon as the image past
    /// <paramref name="maxImages"/> begins.</summary>
    public static IReadOnlyList<float[]> ReadBatch(ReadOnlySpan<byte> body, int maxImages)
    {
        try
        {
            var reader = JsonTokens.Open(body, "images");
            List<float[]>? images = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (JsonTokens.NextProperty(ref reader, seen) is { } name)
            {
                if (name == "images") images = Images(ref reader, maxImages);
                else reader.Skip();
            }
            JsonTokens.Close(ref reader);
            return images ?? throw new BadInputException("body has no 'images'");
        }
        catch (JsonException e)
        {
            throw JsonTokens.Malformed(e);
        }
    }

    private static List<float[]> Images(ref Utf8JsonReader reader, int maxImages)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new BadInputException($"'images' is {JsonTokens.Kind(ref reader)}, expected an array of images");
        var images = new List<float[]>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (images.Count == maxImages)
                throw new BadInputException($"'images' holds more than {maxImages} images, at most {maxImages} are accepted per request",
                    StatusCodes.Status413PayloadTooLarge);
            images.Add(Image(ref reader, $"images[{images.Count}]"));
        }
        if (images.Count == 0) throw new BadInputException("'images' is empty, expected 1 or more images");
        return images;
    }

    private static float[] Image(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new BadInputException($"'{name}' is {JsonTokens.Kind(ref reader)}, expected an array of {MnistImage.Pixels} numbers");
        var pixels = new float[MnistImage.Pixels];
        int count = 0;
        bool bytes = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == pixels.Length)
                throw new BadInputException($"'{name}' holds more than {MnistImage.Pixels} values, expected {MnistImage.Pixels} (28x28, row-major)");
            if (reader.TokenType != JsonTokenType.Number)
                throw new BadInputException($"'{name}[{count}]' is {JsonTokens.Kind(ref reader)}, expected a number 0-1 or 0-255");
            // JSON has no NaN or Infinity; a number too large for a double is the one way to spell one.
            if (!reader.TryGetDouble(out var v) || !double.IsFinite(v) || v < 0 || v > 255)
                throw new BadInputException($"'{name}[{count}]' is {Encoding.UTF8.GetString(reader.ValueSpan)}, expected a number 0-1 or 0-255");
            bytes |= v > 1;
            pixels[count++] = (float)v;
        }
        if (count != pixels.Length)
            throw new BadInputException($"'{name}' holds {count} values, expected {MnistImage.Pixels} (28x28, row-major)");
        if (bytes) for (int p = 0; p < pixels.Length; p++) pixels[p] /= 255f;
        return pixels;
    }
}
