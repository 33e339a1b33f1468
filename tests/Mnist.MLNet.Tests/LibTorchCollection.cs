namespace Mnist.MLNet.Tests;

/// <summary>Tests that train with libtorch run one at a time: its thread count and default generator are
/// process-wide, so two trainings side by side would change each other's results. Other classes still run in
/// parallel with them. libtorch is initialised once for the collection, before its first test.</summary>
[CollectionDefinition(Name)]
public sealed class LibTorchCollection : ICollectionFixture<LibTorchCollection.Initialized>
{
    public const string Name = "libtorch";

    /// <summary>Loads libtorch (<see cref="TorchRuntime.EnsureInitialized"/>) when the collection starts.</summary>
    public sealed class Initialized
    {
        public Initialized() => TorchRuntime.EnsureInitialized();
    }
}
