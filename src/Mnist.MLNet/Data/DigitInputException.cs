namespace Mnist.MLNet.Data;

/// <summary>An input to predict on (image, CSV or IDX file) could not be read;
/// <see cref="UnreadableFileException.FilePath"/> names it.</summary>
public sealed class DigitInputException(string filePath, string problem, Exception? inner = null)
    : UnreadableFileException(filePath, problem, inner);
