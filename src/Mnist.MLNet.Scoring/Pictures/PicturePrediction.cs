namespace Mnist.MLNet.Scoring.Pictures;

/// <summary>What a model of pictures says about one picture.</summary>
/// <param name="Label">The most probable class.</param>
/// <param name="Probabilities">Each class's probability, in the card's class order.</param>
public sealed record PicturePrediction(string Label, IReadOnlyDictionary<string, float> Probabilities);
