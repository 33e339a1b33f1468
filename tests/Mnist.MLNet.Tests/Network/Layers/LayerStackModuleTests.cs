using Mnist.MLNet.Network.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mnist.MLNet.Tests.Network.Layers;

[Collection(LibTorchCollection.Name)]
public class LayerStackModuleTests
{
    public LayerStackModuleTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Create_ClassicStack_EachModuleGivesTheInferredShape()
    {
        var input = ActivationShape.Image(1, 28, 28);
        var network = LayerStack.Parse("conv8k3,pool2,conv16k3s2p1,bn,pool2,drop0.25,dense32").ForNetwork(input, 10, "Features");
        using var module = LayerStackModule.Create(input, network);
        using var scope = NewDisposeScope();
        module.eval();

        var current = torch.rand(3, input.Size);
        var modules = module.children().Cast<nn.Module<Tensor, Tensor>>().ToList();
        Assert.Equal([3, 1, 28, 28], modules[0].forward(current).shape);   // the flat features read as an image
        current = modules[0].forward(current);
        var shapes = network.InferShapes(input, "Features");
        for (int i = 0; i < network.Layers.Count; i++)
        {
            current = modules[i + 1].forward(current);
            long[] expected = shapes[i].IsImage ? [3, shapes[i].Channels, shapes[i].Rows, shapes[i].Columns] : [3, shapes[i].Size];
            Assert.True(expected.SequenceEqual(current.shape), $"layer {i + 1} '{network.Layers[i]}': [{string.Join(",", current.shape)}]");
        }
        Assert.Equal([3, 10], module.forward(torch.rand(3, input.Size)).shape);
    }

    /// <summary>Autograd's gradients of every parameter and of the input against central differences, in float64 on
    /// a tiny network with each layer type (batch norm in training mode, on its batch's statistics).</summary>
    [Fact]
    public void Backward_TinyStackOfEveryLayer_GradientsMatchFiniteDifferences()
    {
        var input = ActivationShape.Image(2, 6, 6);
        var network = LayerStack.Parse("conv3k3p1,bn,pool2,conv4k2s1:linear,relu,dense5,bn,drop0").ForNetwork(input, 3, "Features");
        using var module = SeededModule(input, network, seed: 3);
        module.to(ScalarType.Float64);
        module.train();
        using var scope = NewDisposeScope();
        var x = torch.randn(4, input.Size, dtype: ScalarType.Float64).requires_grad_();
        var projection = torch.randn(4, 3, dtype: ScalarType.Float64);
        double Loss() => (module.forward(x) * projection).sum().item<double>();

        (module.forward(x) * projection).sum().backward();

        var checkedValues = 0;
        foreach (var (name, parameter) in module.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).Append(("input", x)))
        {
            var gradient = parameter.grad!.detach().clone().view(-1);
            var flat = parameter.detach().view(-1);
            for (long j = 0; j < flat.shape[0]; j += 1 + flat.shape[0] / 12)
            {
                const double Step = 1e-6;
                double original = flat[j].item<double>();
                using (no_grad()) flat[j] = original + Step;
                double up = Loss();
                using (no_grad()) flat[j] = original - Step;
                double down = Loss();
                using (no_grad()) flat[j] = original;
                double numeric = (up - down) / (2 * Step), analytic = gradient[j].item<double>();
                Assert.True(Math.Abs(numeric - analytic) <= 1e-5 * Math.Max(1, Math.Abs(numeric)),
                    $"{name}[{j}]: autograd {analytic}, finite differences {numeric}");
                checkedValues++;
            }
        }
        Assert.True(checkedValues > 80, $"{checkedValues} values checked");
    }

    [Fact]
    public void ToWeights_ThenFromWeights_ScoresTheSame()
    {
        var input = ActivationShape.Image(1, 10, 10);
        var network = LayerStack.Parse("conv4k3,bn,pool2,dense8").ForNetwork(input, 4, "Features");
        using var module = SeededModule(input, network, seed: 4);
        using var scope = NewDisposeScope();
        module.train();
        module.forward(torch.randn(8, input.Size) * 3 + 1);   // moves batch norm's running statistics off their start
        module.eval();
        var x = torch.randn(5, input.Size);

        using var copy = LayerStackModule.FromWeights(LayerStackModule.ToWeights(module, input, network));
        copy.eval();

        Assert.True(module.forward(x).allclose(copy.forward(x), rtol: 0, atol: 1e-6));
        using var fresh = LayerStackModule.Create(input, network);
        fresh.eval();
        Assert.False(module.forward(x).allclose(fresh.forward(x), atol: 1e-3));
    }

    // A fresh module whose initial weights depend only on the seed, so a test sees the same numbers on every run.
    private static Sequential SeededModule(ActivationShape input, LayerStack network, int seed)
    {
        torch.manual_seed(seed);
        return LayerStackModule.Create(input, network);
    }
}
