using Mnist.MLNet.Training.Losses;
using static TorchSharp.torch;

namespace Mnist.MLNet.Tests.Training.Losses;

/// <summary>The hand-written step's gradients for each loss equal autograd's on the same batch; with example weights
/// both steps take the gradient of the weighted mean loss, Σ w l / Σ w, as PyTorch computes it from the per-row
/// losses.</summary>
[Collection(LibTorchCollection.Name)]
public class LossGradientTests
{
    private const int Inputs = 12, BatchSize = 16;

    public LossGradientTests() => TorchRuntime.EnsureInitialized();

    public static TheoryData<string, int> UnweightedCases() => new()
    {
        { "logistic", 16 }, { "logistic", 5 },
        { "squared", 16 }, { "squared", 5 },
        { "huber", 16 }, { "huber", 5 },
    };

    [Theory]
    [MemberData(nameof(UnweightedCases))]
    public void ComputeGradients_OneOutputLoss_EqualsAutograd(string name, int rows)
    {
        var (loss, outputs) = Loss(name);
        using var step = new Step(Data(outputs, new Random(5), weights: null), outputs, rows);
        var manual = step.Manual(loss);
        using var manualGradients = manual.Gradients;

        step.Flat.ZeroGradients();
        using var scope = NewDisposeScope();
        var scores = step.Model.forward(step.Batch.Inputs);
        var targets = loss.Targets(step.Batch);
        var mean = loss.Mean(scores, targets);
        mean.backward();

        Assert.True(RelativeDifference(manualGradients, step.Flat.GradientTensor) <= 1e-5,
            $"relative difference {RelativeDifference(manualGradients, step.Flat.GradientTensor):E2}");
        Assert.Equal(mean.item<float>() * rows, manual.LossSum, 4);
        Assert.Equal(loss.Correct(scores, targets), manual.Correct);
    }

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
        using var step = new Step(data, outputs, rows);
        var manual = step.Manual(loss);
        using var manualGradients = manual.Gradients;

        using var autograd = new AutogradStep(step.Model, step.Optimizer, loss);
        var (autogradLossSum, _) = autograd.ComputeGradients(step.Batch);
        using var autogradGradients = step.Flat.GradientTensor.clone();

        step.Flat.ZeroGradients();
        using var scope = NewDisposeScope();
        var reference = WeightedMean(name, step.Model.forward(step.Batch.Inputs), step.Batch);
        reference.backward();

        var flat = step.Flat;
        Assert.True(RelativeDifference(manualGradients, flat.GradientTensor) <= 1e-5, $"manual: {RelativeDifference(manualGradients, flat.GradientTensor):E2}");
        Assert.True(RelativeDifference(autogradGradients, flat.GradientTensor) <= 1e-5, $"autograd: {RelativeDifference(autogradGradients, flat.GradientTensor):E2}");
        Assert.Equal(reference.item<float>() * rows, manual.LossSum, 3);
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

    private static TrainingSet Data(int outputs, Random random, float[]? weights) => new(
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

    /// <summary>A small MLP (hidden 20, 10) seeded alike for every case, its flat parameters, an SGD that never steps
    /// and one gathered batch of <c>rows</c> rows: what both steps compute gradients on.</summary>
    private sealed class Step : IDisposable
    {
        private readonly BatchGather _gather;

        public Step(TrainingSet data, int outputs, int rows)
        {
            torch.manual_seed(2);
            Model = new MlpModule(Inputs, [20, 10], outputs, dropout: 0);
            Flat = new FlatParameters(Model.parameters().ToList());
            Optimizer = new FusedSgd(Flat, 0, 0, threads: 1);
            _gather = new BatchGather(data, BatchSize);
            Batch = _gather.Gather(Enumerable.Range(0, rows).Select(i => (long)(i * 13 % 100)).ToArray());
        }

        public MlpModule Model { get; }

        public FlatParameters Flat { get; }

        public FusedSgd Optimizer { get; }

        public BatchGather.Batch Batch { get; }

        /// <summary>The hand-written step on the batch, and a copy of the gradients it wrote.</summary>
        public (double LossSum, long Correct, Tensor Gradients) Manual(TrainingLoss loss)
        {
            using var manual = new ManualMlpStep(Optimizer, BatchSize, loss);
            Flat.GradientTensor.fill_(float.NaN);   // every gradient must be written, none accumulated
            var (lossSum, correct) = manual.ComputeGradients(Batch);
            return (lossSum, correct, Flat.GradientTensor.clone());
        }

        public void Dispose()
        {
            _gather.Dispose();
            Optimizer.Dispose();
            Flat.Dispose();
            Model.Dispose();
        }
    }
}
