namespace Mnist.MLNet.Training;

/// <summary>The training data cannot be used: a missing label, a NaN feature, no rows. The message names the
/// column and row.</summary>
public sealed class TrainingDataException(string message) : Exception(message);
