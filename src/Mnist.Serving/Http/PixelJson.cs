using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Mnist.MLNet.Scoring;

namespace Mnist.Serving.Http;

/// <summary>Reads the JSON bodies of the API: <c>{"pixels": [784 numbers]}</c> and <c>{"images": [[784 numbers], ...]}</c>.</summary>
/// <remarks>Pixels are row-major 28x28, 0-1 or 0-255 (an image with a value above 1 is read as 0-255), taken as
/// MNIST features as they are, like a CSV row given to <c>mnist predict</c>; pictures go through the image body.</remarks>
internal static class PixelJson
{
    /// <summary>The 784 features of a <c>{"pixels": [...]}</c> body.</summary>
    public static float[] ReadSingle(byte[] body)
    {
        using var document = Parse(body);
        return Image(Property(document.RootElement, "pixels"), "pixels");
    }

    /// <summary>The images of a <c>{"images": [[...], ...]}</c> body; 413 past <paramref name="maxImages"/>.</summary>
    public static IReadOnlyList<float[]> ReadBatch(byte[] body, int maxImages)
    {
        using var document = Parse(body);
        var images = Property(document.RootElement, "images");
        if (images.ValueKind != JsonValueKind.Array) throw new BadInputException($"'images' is {Kind(images)}, expected an array of images");
        int count = images.GetArrayLength();
        if (count == 0) throw new BadInputException("'images' is empty, expected 1 or more images");
        if (count > maxImages)
            throw new BadInputException($"'images' holds {count} images, at most {maxImages} are accepted per request", StatusCodes.Status413PayloadTooLarge);
        return images.EnumerateArray().Select((image, i) => Image(image, $"images[{i}]")).ToList();
    }

    private static JsonDocument Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new BadInputException($"malformed JSON: {e.Message.Split('\n')[0]}");
        }
    }

    private static JsonElement Property(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new BadInputException($"body is {Kind(root)}, expected an object with '{name}'");
        if (!root.TryGetProperty(name, out var value)) throw new BadInputException($"body has no '{name}'");
        return value;
    }

    private static float[] Image(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Array) throw new BadInputException($"'{name}' is {Kind(element)}, expected an array of {MnistImage.Pixels} numbers");
        int length = element.GetArrayLength();
        if (length != MnistImage.Pixels)
            throw new BadInputException($"'{name}' holds {length} values, expected {MnistImage.Pixels} (28x28, row-major)");
        var pixels = new float[length];
        int i = 0;
        bool bytes = false;
        foreach (var value in element.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number)
                throw new BadInputException($"'{name}[{i}]' is {Kind(value)}, expected a number 0-1 or 0-255");
            // JSON has no NaN or Infinity; a number too large for a double is the one way to spell one.
            if (!value.TryGetDouble(out var v) || !double.IsFinite(v) || v < 0 || v > 255)
                throw new BadInputException($"'{name}[{i}]' is {value.GetRawText()}, expected a number 0-1 or 0-255");
            bytes |= v > 1;
            pixels[i++] = (float)v;
        }
        if (bytes) for (int p = 0; p < pixels.Length; p++) pixels[p] /= 255f;
        return pixels;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {element.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => element.GetRawText(),
    };
}
