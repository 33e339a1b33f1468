using static TorchSharp.torch;

namespace Mnist.MLNet.Tests.Training.Optimization;

[Collection(LibTorchCollection.Name)]
public class SharpnessAwareStepTests
{
    private const int Inputs = 30, Classes = 10, Rows = 16;
    private const double Radius = 0.05, LearningRate = 0.1;

    [Theory]
    [InlineData(false)]   // the hand-written step
    [InlineData(true)]    // the autograd step
    public void Run_StepsWithTheGradientAtTheNudgedWeights_ComputedThroughAutograd(bool autograd)
    {
        var data = Data();
        torch.manual_seed(3);
        using var model = new MlpModule(Inputs, [24], Classes, dropout: 0);
        using var flat = new FlatParameters(model.parameters().ToList());
        using var optimizer = new FusedSgd(flat, 0, 0, threads: 1);
        using var gather = new BatchGather(data, Rows);
        var batch = gather.Gather(Enumerable.Range(0, Rows).Select(i => (long)i).ToArray());
        using var start = flat.ValueTensor.clone();
        double lossAtStart;
        using (var scope = NewDisposeScope()) lossAtStart = Loss(model, batch).item<float>() * (double)Rows;

        // Expected, step by step in autograd: g at w, then g' at w + radius g/|g|, then plain SGD with g'.
        using var g = Gradient(model, flat, batch);
        using (no_grad()) flat.ValueTensor.add_(g, alpha: Radius / g.norm().item<float>());
        using var nudged = Gradient(model, flat, batch);
        using var expected = start - nudged * LearningRate;
        using (no_grad()) flat.ValueTensor.copy_(start);

        IGradientPass plain = autograd ? new AutogradStep(model, optimizer) : new ManualMlpStep(optimizer, Rows);
        using var step = new SharpnessAwareStep(plain, optimizer, Radius);
        var (lossSum, _) = step.Run(batch, LearningRate);

        double difference = (flat.ValueTensor - expected).norm().item<float>() / (expected - start).norm().item<float>();
        Assert.True(difference <= 1e-4, $"relative difference to the expected update {difference:E2}");
        // The nudge changes the update: a plain step from the same weights lands elsewhere.
        double plainDifference = ((start - g * LearningRate) - expected).norm().item<float>() / (expected - start).norm().item<float>();
        Assert.True(plainDifference > 100 * difference, $"SAM {difference:E2} vs plain {plainDifference:E2}");
        Assert.Equal(lossAtStart, lossSum, 4);   // the loss reported is the one at w, before the nudge
    }

    [Fact]
    public void Options_NegativeRadius_IsRefusedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MlpTrainer(new Microsoft.ML.MLContext(), new MlpTrainer.Options { SharpnessRadius = -0.1 }));
        Assert.Equal(nameof(MlpTrainer.Options.SharpnessRadius), e.ParamName);
    }

    private static Tensor Gradient(MlpModule model, FlatParameters flat, BatchGather.Batch batch)
    {
        flat.ZeroGradients();
        using (var scope = NewDisposeScope()) Loss(model, batch).backward();
        return flat.GradientTensor.clone();
    }

    private static Tensor Loss(MlpModule model, BatchGather.Batch batch) =>
        nn.functional.cross_entropy(model.forward(batch.Inputs), batch.Targets);

    private static TrainingSet Data()
    {
        var random = new Random(9);
        return new TrainingSet(
            Enumerable.Range(0, Rows * Inputs).Select(_ => (float)random.NextDouble() * 2 - 0.5f).ToArray(),
            Enumerable.Range(0, Rows).Select(i => (long)(i * 7 % Classes)).ToArray(), Inputs);
    }
}
