using Mnist.MLNet.Network.Layers;
using static TorchSharp.torch;

namespace Mnist.MLNet.Tests.Training.Optimization;

/// <summary>The bfloat16 forward pass gives a loss and fp32 gradients close to fp32's on real MNIST rows, though
/// computed differently.</summary>
[Collection(LibTorchCollection.Name)]
public class BFloat16ForwardTests
{
    public static TheoryData<string> Networks => new() { "conv4k3,bn,pool2,conv8k3,pool2,dense16", "mlp" };

    [Theory, MemberData(nameof(Networks))]
    public void Forward_MnistBatch_LossAndGradientsCloseToFp32(string network)
    {
        var ml = new MLContext(seed: 1);
        var rows = MnistFixture.KeyedTrainRows(ml, 64);
        var features = rows.GetColumn<float[]>("Features").SelectMany(f => f).ToArray();
        var labels = rows.GetColumn<uint>("Label").Select(k => (long)k - 1).ToArray();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var image = ActivationShape.Image(1, 28, 28);
        nn.Module<Tensor, Tensor> model = network == "mlp"
            ? new MlpModule(784, [32], 10, dropout: 0)
            : LayerStackModule.Create(image, LayerStack.Parse(network).ForNetwork(image, 10, "Features"));
        model.train();
        var x = tensor(features).reshape(64, 784);
        var y = tensor(labels);

        var (loss32, gradients32) = LossAndGradients(model, model.forward, x, y);
        var (loss16, gradients16) = LossAndGradients(model, new BFloat16Forward(model).Forward, x, y);

        Assert.NotEqual(loss32, loss16);   // a different computation ...
        Assert.Equal(loss32, loss16, 0.02 * loss32);   // ... of nearly the same loss
        double largest = gradients32.Max(g => (double)g.norm().item<float>());
        for (int i = 0; i < gradients32.Count; i++)
        {
            var (g32, g16) = (gradients32[i], gradients16[i]);
            Assert.Equal(ScalarType.Float32, g16.dtype);
            if (g32.norm().item<float>() < 1e-4 * largest)
            {
                // A bias right before batch norm has no gradient (the mean is taken out); both passes leave rounding noise.
                Assert.True(g16.norm().item<float>() < 1e-2 * largest, $"{network}: parameter {i} has no fp32 gradient but a bfloat16 one");
                continue;
            }
            double cosine = g32.dot(g16).item<float>() / (g32.norm().item<float>() * g16.norm().item<float>());
            Assert.True(cosine > 0.99, $"{network}: parameter {i}'s gradient has cosine {cosine} to fp32's");
            double relative = (g32 - g16).norm().item<float>() / g32.norm().item<float>();
            Assert.True(relative < 0.1, $"{network}: parameter {i}'s gradient differs from fp32's by {relative:P1}");
        }
    }

    private static (double Loss, List<Tensor> Gradients) LossAndGradients(nn.Module<Tensor, Tensor> model,
        Func<Tensor, Tensor> forward, Tensor x, Tensor y)
    {
        model.zero_grad();
        var logits = forward(x);
        Assert.Equal(ScalarType.Float32, logits.dtype);
        var loss = nn.functional.cross_entropy(logits, y);
        loss.backward();
        return (loss.item<float>(), model.parameters().Select(p => p.grad!.flatten().clone()).ToList());
    }
}
