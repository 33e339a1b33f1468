namespace Mnist.MLNet.Tests;

/// <summary>Tests that train with libtorch run one at a time: its thread count and default generator are
/// process-wide, so two trainings side by side would change each other's results. Other classes still run in
/// parallel with them.</summary>
[CollectionDefinition(Name)]
public sealed class LibTorchCollection
{
    public const string Name = "libtorch";
}
