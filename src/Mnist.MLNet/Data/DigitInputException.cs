namespace Mnist.MLNet.Data;

/// <summary>An input to predict on (image, CSV or IDX file) could not be read; <see cref="FilePath"/> names it.</summary>
public sealed class DigitInputException : IOException
{
    public DigitInputException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file that was refused.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong with it, without the file name.</summary>
    public string Problem { get; }
}
