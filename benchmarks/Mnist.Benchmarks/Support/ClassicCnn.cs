using TorchSharp;
using static TorchSharp.torch;

namespace Mnist.Benchmarks;

/// <summary>PyTorch's classic MNIST example network (examples/mnist, without its dropout): conv 32 3x3, conv 64 3x3,
/// max-pool 2, dense 128, dense 10, each but the last followed by ReLU; about 4.3 TFLOP an epoch of 60,000 images.</summary>
public static class ClassicCnn
{
    /// <summary>The network in the layer-stack spelling <c>MlpTrainer.Options.Layers</c> reads (the output layer is added).</summary>
    public const string Layers = "conv32k3,conv64k3,pool2,dense128";

    /// <summary>The same network as a plain TorchSharp <c>Sequential</c> over flat rows of 784 pixels.</summary>
    public static nn.Module<Tensor, Tensor> Network() => nn.Sequential(
        nn.Unflatten(1, [1, 28, 28]),
        nn.Conv2d(1, 32, 3), nn.ReLU(),
        nn.Conv2d(32, 64, 3), nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 12 * 12, 128), nn.ReLU(),
        nn.Linear(128, 10));
}
