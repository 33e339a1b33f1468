namespace Mnist.MLNet.Scoring;

/// <summary>A file is not a readable saved MLP model; <see cref="FilePath"/> names it and the message says why.</summary>
public sealed class SavedModelException : IOException
{
    public SavedModelException(string filePath, string problem, Exception? inner = null)
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
