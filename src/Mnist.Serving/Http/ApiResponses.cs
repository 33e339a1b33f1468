using Mnist.MLNet.Scoring;
using Mnist.Serving.Models;

namespace Mnist.Serving.Http;

/// <summary>One digit and its probability.</summary>
public sealed record DigitProbability(int Digit, float Probability);

/// <summary>The answer for one image: the most probable digit, the three most probable, and every digit's
/// probability in digit order (for the page's bars).</summary>
public sealed record PredictionResponse(int Digit, float Probability, IReadOnlyList<DigitProbability> Top3, IReadOnlyList<float> Probabilities)
{
    /// <summary>The response for <paramref name="scores"/>.</summary>
    public static PredictionResponse From(DigitScores scores)
    {
        var top = scores.Top(3).Select(t => new DigitProbability(t.Digit, t.Probability)).ToList();
        return new PredictionResponse(top[0].Digit, top[0].Probability, top, scores.Probabilities);
    }
}

/// <summary>The answer for a batch, in the order of the request's images.</summary>
public sealed record BatchResponse(IReadOnlyList<PredictionResponse> Predictions);

/// <summary>Why a request was refused, in one line.</summary>
public sealed record ErrorResponse(string Error);

/// <summary><c>GET /health</c>: the server is up and scores with a model loaded then.</summary>
/// <remarks>No path: a health check is often open to more callers than the model's description, <c>GET /model</c>.</remarks>
public sealed record HealthResponse(string Status, DateTime LoadedUtc)
{
    /// <summary>The answer while the model in <paramref name="file"/> is served.</summary>
    public static HealthResponse Of(ServedFile file) => new("ok", file.LoadedUtc);
}

/// <summary><c>GET /model</c>: the served file, then what the model says about itself.</summary>
/// <param name="Path">The model file as the server was told it, full path.</param>
/// <param name="Target">The file that path ends at through symbolic links (the same path when there are none).</param>
/// <param name="SizeBytes">The target's size when it was loaded.</param>
/// <param name="WrittenUtc">The target's last write time when it was loaded.</param>
/// <param name="LoadedUtc">When the server loaded it.</param>
/// <param name="Card">The model card stored in the file, every field as saved (class labels in output order).</param>
public sealed record ModelResponse(string Path, string Target, long SizeBytes, DateTime WrittenUtc, DateTime LoadedUtc, ModelCard Card)
{
    /// <summary>The answer while <paramref name="model"/> is served.</summary>
    public static ModelResponse Of(ServedModel model) =>
        new(model.File.Path, model.File.Target, model.File.SizeBytes, model.File.WrittenUtc, model.File.LoadedUtc, model.Card);
}

/// <summary><c>POST /predict</c>'s JSON body (images may be sent as PNG or JPEG bodies instead).</summary>
/// <param name="Pixels">784 numbers, row-major 28x28, 0-1 or 0-255, white ink on black as MNIST's.</param>
public sealed record PixelsRequest(float[] Pixels);

/// <summary><c>POST /predict/batch</c>'s body.</summary>
/// <param name="Images">Each one 784 numbers as in <see cref="PixelsRequest.Pixels"/>.</param>
public sealed record BatchRequest(float[][] Images);
