namespace Mnist.MLNet.Models;

/// <summary>The prediction for one <see cref="Data.DigitInput"/>.</summary>
/// <param name="Probabilities">One per class, in <see cref="DigitClassifier.Classes"/> order.</param>
public sealed record DigitPrediction(string Source, long Index, string Predicted, float Probability, float[] Probabilities)
{
    /// <summary>The <paramref name="count"/> most probable classes, most probable first.</summary>
    public IEnumerable<(int Class, float Probability)> Top(int count) =>
        Probabilities.Select((p, i) => (Class: i, Probability: p)).OrderByDescending(c => c.Probability).ThenBy(c => c.Class).Take(count);
}
