namespace Mnist.MLNet.Data;

/// <summary>An IDX file is not what it claims to be; <see cref="UnreadableFileException.FilePath"/> names it and the
/// message says why.</summary>
public sealed class IdxFormatException(string filePath, string problem, Exception? inner = null)
    : UnreadableFileException(filePath, problem, inner);
