namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>What a tabular model says about one row, by task: the predicted class and each class's probability
/// (multiclass); the predicted label, the probability of true and the logit (binary); the value (regression).</summary>
/// <param name="Label">The predicted class, <c>True</c>/<c>False</c>, or the value as text (regression).</param>
/// <param name="Probabilities">Multiclass: each class's probability, in the card's class order; null otherwise.</param>
/// <param name="Probability">Binary: the probability of true; null otherwise.</param>
/// <param name="Score">Binary: the logit; regression: the prediction; multiclass: the predicted class's probability.</param>
public sealed record TabularPrediction(string Label, IReadOnlyDictionary<string, float>? Probabilities, float? Probability, float Score);
