using Mnist.MLNet.Native;
using TorchSharp;
using static TorchSharp.torch;
using Mnist.MLNet.Network;

namespace Mnist.Benchmarks;

/// <summary>Accuracy of trained weights by our own forward pass, independent of the library's scoring code.</summary>
public static class TestAccuracy
{
    public static double Of(MlpWeights weights, MnistArrays test)
    {
        TorchRuntime.EnsureInitialized();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var h = torch.tensor(test.Features, [test.Count, MnistArrays.Pixels]);
        for (int i = 0; i < weights.Layers.Count; i++)
        {
            var layer = weights.Layers[i];
            var w = torch.tensor(layer.Weight, [layer.OutputSize, layer.InputSize]);
            var b = torch.tensor(layer.Bias, [layer.OutputSize]);
            h = h.matmul(w.t()) + b;
            if (i < weights.Layers.Count - 1) h = h.relu();
        }
        var predicted = h.argmax(1);
        long correct = predicted.eq(torch.tensor(test.Labels)).sum().item<long>();
        return (double)correct / test.Count;
    }
}
