namespace Mnist.MLNet.Scoring;

/// <summary>A file is not a readable saved MLP model; <see cref="UnreadableFileException.FilePath"/> names it and the
/// message says why.</summary>
public sealed class SavedModelException(string filePath, string problem, Exception? inner = null)
    : UnreadableFileException(filePath, problem, inner);
