using static TorchSharp.torch;

namespace Mnist.MLNet.Tests.Training.Optimization;

[Collection(LibTorchCollection.Name)]
public class FusedOptimizerTests
{
    private const int Steps = 200, Inputs = 40, Classes = 5, BatchSize = 32;

    // Hidden 2,000 makes ~90,000 parameters, enough for the step to be split across two threads.
    [Theory]
    [InlineData(OptimizerKind.Adam, 0.0, 16, 1)]
    [InlineData(OptimizerKind.Adam, 0.01, 16, 1)]
    [InlineData(OptimizerKind.Adam, 0.0, 2000, 2)]
    [InlineData(OptimizerKind.AdamW, 0.05, 16, 1)]
    [InlineData(OptimizerKind.AdamW, 0.05, 2000, 2)]
    [InlineData(OptimizerKind.Sgd, 0.0, 16, 1)]
    [InlineData(OptimizerKind.Sgd, 0.01, 2000, 2)]
    public void Step_200BatchesFromSameWeights_MatchesTorchOptim(OptimizerKind kind, double weightDecay, int hidden, int threads)
    {
        const double LearningRate = 1e-3, Momentum = 0.9;
        var batches = Batches(seed: 3);

        using var reference = Module(hidden);
        using var torchOptimizer = kind switch
        {
            OptimizerKind.Adam => (optim.Optimizer)optim.Adam(reference.parameters(), LearningRate, weight_decay: weightDecay),
            OptimizerKind.AdamW => optim.AdamW(reference.parameters(), LearningRate, weight_decay: weightDecay),
            _ => optim.SGD(reference.parameters(), LearningRate, momentum: Momentum, weight_decay: weightDecay),
        };
        foreach (var (x, y) in batches)
        {
            using var scope = NewDisposeScope();
            torchOptimizer.zero_grad();
            nn.functional.cross_entropy(reference.forward(x), y).backward();
            torchOptimizer.step();
        }

        using var ours = Module(hidden);
        using var flat = new FlatParameters(ours.parameters().ToList());
        using FusedOptimizer optimizer = kind switch
        {
            OptimizerKind.Adam => new FusedAdam(flat, weightDecay, decoupled: false, threads),
            OptimizerKind.AdamW => new FusedAdam(flat, weightDecay, decoupled: true, threads),
            _ => new FusedSgd(flat, Momentum, weightDecay, threads),
        };
        foreach (var (x, y) in batches)
        {
            using var scope = NewDisposeScope();
            flat.ZeroGradients();
            nn.functional.cross_entropy(ours.forward(x), y).backward();
            optimizer.Step(LearningRate);
        }

        using var expected = Flatten(reference);
        using var actual = Flatten(ours);
        using var initial = Flatten(Module(hidden));
        double difference = (actual - expected).norm().item<float>() / expected.norm().item<float>();
        Assert.True(difference <= 1e-5, $"relative difference {difference:E2}");
        Assert.True((expected - initial).norm().item<float>() > 1e-2, "the weights should have moved");
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void Step_TwoThreads_SameWeightsAsOneThread(OptimizerKind kind)
    {
        var batches = Batches(seed: 4);
        using var one = Train(kind, threads: 1, batches);
        using var two = Train(kind, threads: 2, batches);
        Assert.Equal(0f, (one - two).abs().max().item<float>());
    }

    private static Tensor Train(OptimizerKind kind, int threads, List<(Tensor X, Tensor Y)> batches)
    {
        using var module = Module(2000);
        using var flat = new FlatParameters(module.parameters().ToList());
        using FusedOptimizer optimizer = kind == OptimizerKind.Sgd ? new FusedSgd(flat, 0.9, 0.01, threads) : new FusedAdam(flat, 0.01, false, threads);
        foreach (var (x, y) in batches.Take(20))
        {
            using var scope = NewDisposeScope();
            flat.ZeroGradients();
            nn.functional.cross_entropy(module.forward(x), y).backward();
            optimizer.Step(1e-2);
        }
        return Flatten(module);
    }

    [Fact]
    public void Load_StateOfAnotherOptimizer_ThrowsInvalidData()
    {
        using var module = Module(8);
        using var flat = new FlatParameters(module.parameters().ToList());
        using var adam = new FusedAdam(flat, 0, decoupled: false, threads: 1);
        using var sgd = new FusedSgd(flat, 0.9, 0, threads: 1);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) adam.Save(writer);
        stream.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => sgd.Load(new BinaryReader(stream)));
        Assert.Contains(nameof(FusedAdam), e.Message);
    }

    private static MlpModule Module(int hidden)
    {
        torch.manual_seed(11);
        return new MlpModule(Inputs, [hidden], Classes, dropout: 0);
    }

    private static List<(Tensor X, Tensor Y)> Batches(int seed)
    {
        using var generator = new Generator((ulong)seed);
        return Enumerable.Range(0, Steps).Select(_ =>
            (torch.randn(BatchSize, Inputs, generator: generator), torch.randint(0, Classes, [BatchSize], generator: generator))).ToList();
    }

    private static Tensor Flatten(MlpModule module) => torch.cat(module.parameters().Select(p => p.detach().flatten()).ToList(), 0);
}
