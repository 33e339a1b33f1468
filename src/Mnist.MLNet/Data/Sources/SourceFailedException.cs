namespace Mnist.MLNet.Data.Sources;

/// <summary>A source could not deliver a file. <see cref="Unreachable"/> means it will not deliver any other file either.</summary>
internal sealed class SourceFailedException(string reason, bool unreachable = false) : Exception(reason)
{
    public bool Unreachable { get; } = unreachable;
}
