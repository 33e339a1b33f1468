namespace Mnist.Serving.Models;

/// <summary>One image's probabilities, one per digit in <see cref="ServedModel.Classes"/> order.</summary>
public sealed record DigitScores(IReadOnlyList<int> Classes, float[] Probabilities)
{
    /// <summary>The <paramref name="count"/> most probable digits, most probable first (ties: the smaller digit).</summary>
    public IEnumerable<(int Digit, float Probability)> Top(int count) =>
        Probabilities.Select((p, i) => (Digit: Classes[i], Probability: p))
            .OrderByDescending(c => c.Probability).ThenBy(c => c.Digit).Take(count);
}
