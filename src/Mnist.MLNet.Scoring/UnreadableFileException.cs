namespace Mnist.MLNet.Scoring;

/// <summary>A file could not be read as what it should be; <see cref="FilePath"/> names it and <see cref="Problem"/>
/// says why. The message is both: <c>path: problem</c>.</summary>
public abstract class UnreadableFileException(string filePath, string problem, Exception? inner = null)
    : IOException($"{filePath}: {problem}", inner)
{
    /// <summary>The file that was refused.</summary>
    public string FilePath { get; } = filePath;

    /// <summary>What was wrong with it, without the file name.</summary>
    public string Problem { get; } = problem;
}
