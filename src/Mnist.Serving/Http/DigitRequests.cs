using Mnist.MLNet.Scoring;

namespace Mnist.Serving.Http;

/// <summary>Turns a request body into the features of its digits, by content type.</summary>
internal static class DigitRequests
{
    /// <summary>The media types <c>POST /predict</c> accepts for a digit model.</summary>
    public static readonly IReadOnlyList<string> SingleTypes = ["application/json", "image/png", "image/jpeg"];

    /// <summary>One digit from a JSON, PNG or JPEG body; a picture is prepared as MNIST's digits were, with the code
    /// <c>mnist predict</c> uses for image files (<see cref="DigitPixels"/>).</summary>
    public static float[] ReadSingle(string mediaType, byte[] body, MnistServerOptions options)
    {
        if (mediaType == "application/json") return PixelJson.ReadSingle(body);
        var (rgba, width, height) = ImageBody.Decode(body, options.MaxImageSide, options.MaxImagePixels);
        return DigitPixels.Prepare(DigitPixels.Grey(rgba, width, height), width, height);
    }

    /// <summary>The digits of a JSON batch body.</summary>
    public static IReadOnlyList<float[]> ReadBatch(byte[] body, MnistServerOptions options) =>
        PixelJson.ReadBatch(body, options.MaxBatchImages);
}
