using static TorchSharp.torch;

namespace Mnist.MLNet.Tests.Native;

[Collection(LibTorchCollection.Name)]
public class TorchRuntimeTests
{
    [Fact]
    public void EnsureInitialized_RealLibrary_TrainsAnAdamStep()
    {
        TorchRuntime.EnsureInitialized();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3));
        var optimizer = optim.Adam(model.parameters(), lr: 0.05);
        var x = randn(32, 4);
        var y = (x[.., 0] > 0).to(ScalarType.Int64) + (x[.., 1] > 0).to(ScalarType.Int64);
        float first = 0, last = 0;
        for (int step = 0; step < 50; step++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(x), y);
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first * 0.5f, $"loss went from {first} to {last}");
        Assert.All(model.parameters(), p => Assert.NotNull(p.grad));
    }
}
