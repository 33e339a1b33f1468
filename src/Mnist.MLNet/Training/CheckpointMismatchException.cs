namespace Mnist.MLNet.Training;

/// <summary>A resume found a checkpoint written by a run with other options, seed or data; the message names the
/// checkpoint file and both runs' settings.</summary>
public sealed class CheckpointMismatchException(string message) : InvalidOperationException(message);
