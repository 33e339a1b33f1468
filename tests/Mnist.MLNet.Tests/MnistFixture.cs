using Mnist.TestSupport;

namespace Mnist.MLNet.Tests;

/// <summary>Where the real MNIST files are for these tests (see <see cref="MnistDataLocator"/>: <c>MNIST_DATA</c>, else
/// the repository's <c>data/mnist</c>, downloaded there on first use).</summary>
public static class MnistFixture
{
    public static string Directory => MnistDataLocator.Default;
}
