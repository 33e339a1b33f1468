using Mnist.MLNet.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Tests.Training.Losses;

/// <summary>The hand-written step's gradients for each one-output loss equal autograd's on the same batch.</summary>
[Collection(LibTorchCollection.Name)]
public class LossGradientTests
{
    public static TheoryData<string, int> Cases() => new()
    {
        { "logistic", 16 }, { "logistic", 5 },
        { "squared", 16 }, { "squared", 5 },
        { "huber", 16 }, { "huber", 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ComputeGradients_OneOutputLoss_EqualsAutograd(string name, int rows)
    {
        const int Inputs = 12, BatchSize = 16;
        TrainingLoss loss = name switch
        {
            "logistic" => LogisticLoss.Instance,
            "squared" => SquaredLoss.Instance,
            _ => new HuberLoss(0.5),   // small enough that some rows fall on each side
        };
        var random = new Random(5);
        var data = new TrainingSet(
            Enumerable.Range(0, 100 * Inputs).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray(),
            Enumerable.Range(0, 100).Select(i => (long)(i * 7 % 2)).ToArray(), Inputs,
            Enumerable.Range(0, 100).Select(_ => (float)random.NextDouble() * 4 - 2).ToArray());
        long[] chosen = Enumerable.Range(0, rows).Select(i => (long)(i * 13 % 100)).ToArray();

        torch.manual_seed(2);
        using var model = new MlpModule(Inputs, [20, 10], 1, dropout: 0);
        using var flat = new FlatParameters(model.parameters().ToList());
        using var optimizer = new FusedSgd(flat, 0, 0, threads: 1);
        using var gather = new BatchGather(data, BatchSize);
        var batch = gather.Gather(chosen);

        using var manual = new ManualMlpStep(optimizer, BatchSize, loss);
        flat.GradientTensor.fill_(float.NaN);   // every gradient must be written, none accumulated
        var (lossSum, correct) = manual.ComputeGradients(batch);
        using var manualGradients = flat.GradientTensor.clone();

        flat.ZeroGradients();
        using var scope = NewDisposeScope();
        var outputs = model.forward(batch.Inputs);
        var targets = loss.Targets(batch);
        var mean = loss.Mean(outputs, targets);
        mean.backward();

        double difference = (manualGradients - flat.GradientTensor).norm().item<float>() / flat.GradientTensor.norm().item<float>();
        Assert.True(difference <= 1e-5, $"relative difference {difference:E2}");
        Assert.Equal(mean.item<float>() * rows, lossSum, 4);
        Assert.Equal(loss.Correct(outputs, targets), correct);
    }
}
