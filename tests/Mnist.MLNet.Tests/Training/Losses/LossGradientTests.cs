using Mnist.MLNet.Native;
using Mnist.MLNet.Training.Losses;
using Mnist.MLNet.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Mnist.MLNet.Tests.Training.Losses;

/// <summary>With example weights, the hand-written step and the autograd step both take the gradient of the weighted
/// mean loss, Σ w l / Σ w, as PyTorch computes it from the per-row losses.</summary>
[Collection(LibTorchCollection.Name)]
public class WeightedLossGradientTests
{
    private const int Inputs = 12, BatchSize = 16;

    public WeightedLossGradientTests() => TorchRuntime.EnsureInitialized();

    public static TheoryData<string, int> Cases() => new()
    {
        { "cross-entropy", 16 }, { "cross-entropy", 5 }, { "smoothed", 16 },
        { "logistic", 16 }, { "logistic", 5 },
        { "squared", 16 }, { "huber", 16 }, { "huber", 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ComputeGradients_WeightedRows_ManualAndAutogradEqualPyTorchsWeightedMean(string name, int rows)
    {
        var (loss, outputs) = Loss(name);
        var random = new Random(5);
        // Weights in [0, 2), every fourth row 0: those rows must not count at all.
        var weights = Enumerable.Range(0, 100).Select(i => i % 4 == 0 ? 0f : (float)random.NextDouble() * 2).ToArray();
        var data = Data(outputs, random, weights);
        long[] chosen = Enumerable.Range(0, rows).Select(i => (long)(i * 13 % 100)).ToArray();

        torch.manual_seed(2);
        using var model = new MlpModule(Inputs, [20, 10], outputs, dropout: 0);
        using var flat = new FlatParameters(model.parameters().ToList());
        using var optimizer = new FusedSgd(flat, 0, 0, threads: 1);
        using var gather = new BatchGather(data, BatchSize);
        var batch = gather.Gather(chosen);

        using var manual = new ManualMlpStep(optimizer, BatchSize, loss);
        flat.GradientTensor.fill_(float.NaN);   // every gradient must be written, none accumulated
        var (manualLossSum, _) = manual.ComputeGradients(batch);
        using var manualGradients = flat.GradientTensor.clone();

        using var autograd = new AutogradStep(model, optimizer, loss);
        var (autogradLossSum, _) = autograd.ComputeGradients(batch);
        using var autogradGradients = flat.GradientTensor.clone();

        flat.ZeroGradients();
        using var scope = NewDisposeScope();
        var reference = WeightedMean(name, model.forward(batch.Inputs), batch);
        reference.backward();

        Assert.True(RelativeDifference(manualGradients, flat.GradientTensor) <= 1e-5, $"manual: {RelativeDifference(manualGradients, flat.GradientTensor):E2}");
        Assert.True(RelativeDifference(autogradGradients, flat.GradientTensor) <= 1e-5, $"autograd: {RelativeDifference(autogradGradients, flat.GradientTensor):E2}");
        Assert.Equal(reference.item<float>() * rows, manualLossSum, 3);
        Assert.Equal(reference.item<float>() * rows, autogradLossSum, 3);
    }

    [Fact]
    public void ComputeGradients_AllWeightsZero_NoLossAndNoGradient()
    {
        var random = new Random(5);
        var data = Data(10, random, new float[100]);
        torch.manual_seed(2);
        using var model = new MlpModule(Inputs, [20], 10, dropout: 0);
        using var flat = new FlatParameters(model.parameters().ToList());
        using var optimizer = new FusedSgd(flat, 0, 0, threads: 1);
        using var gather = new BatchGather(data, BatchSize);
        using var manual = new ManualMlpStep(optimizer, BatchSize, CrossEntropyLoss.Instance);

        var (lossSum, _) = manual.ComputeGradients(gather.Gather([1, 2, 3, 4]));

        Assert.Equal(0, lossSum);
        Assert.Equal(0, flat.GradientTensor.abs().max().item<float>());
    }

    private static (TrainingLoss Loss, int Outputs) Loss(string name) => name switch
    {
        "cross-entropy" => (CrossEntropyLoss.Instance, 10),
        "smoothed" => (new CrossEntropyLoss(0.2), 10),
        "logistic" => (LogisticLoss.Instance, 1),
        "squared" => (SquaredLoss.Instance, 1),
        _ => (new HuberLoss(0.5), 1),   // small enough that some rows fall on each side
    };

    private static TrainingSet Data(int outputs, Random random, float[] weights) => new(
        Enumerable.Range(0, 100 * Inputs).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray(),
        Enumerable.Range(0, 100).Select(i => (long)(i * 7 % Math.Max(outputs, 2))).ToArray(), Inputs,
        Enumerable.Range(0, 100).Select(_ => (float)random.NextDouble() * 4 - 2).ToArray(), weights);

    // PyTorch's per-row losses (reduction none), weighted and divided by the weights' sum.
    private static Tensor WeightedMean(string name, Tensor outputs, BatchGather.Batch batch)
    {
        var perRow = name switch
        {
            "cross-entropy" => nn.functional.cross_entropy(outputs, batch.Targets, reduction: nn.Reduction.None),
            "smoothed" => nn.functional.cross_entropy(outputs, batch.Targets, reduction: nn.Reduction.None, label_smoothing: 0.2),
            "logistic" => nn.functional.binary_cross_entropy_with_logits(outputs.squeeze(1), batch.Targets.to_type(ScalarType.Float32),
                reduction: nn.Reduction.None),
            "squared" => nn.functional.mse_loss(outputs.squeeze(1), batch.Values!, reduction: nn.Reduction.None),
            _ => nn.functional.huber_loss(outputs.squeeze(1), batch.Values!, reduction: nn.Reduction.None, delta: 0.5),
        };
        return (perRow * batch.Weights!).sum() / batch.Weights!.sum();
    }

    private static double RelativeDifference(Tensor a, Tensor b) => (a - b).norm().item<float>() / b.norm().item<float>();
}
