using static TorchSharp.torch;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Tests.Training.Optimization;

[Collection(LibTorchCollection.Name)]
public class ManualMlpStepTests
{
    [Theory]
    [InlineData(new[] { 64, 32 }, 16, 16, 0.0)]   // a full batch
    [InlineData(new[] { 64, 32 }, 16, 5, 0.0)]    // the short last batch of an epoch
    [InlineData(new[] { 24 }, 8, 8, 0.0)]
    [InlineData(new[] { 64, 32 }, 16, 16, 0.1)]   // label smoothing, as cross_entropy's label_smoothing
    [InlineData(new[] { 24 }, 8, 5, 0.3)]
    public void ComputeGradients_SameBatch_EqualsAutograd(int[] hidden, int batchSize, int rows, double labelSmoothing)
    {
        const int Inputs = 30, Classes = 10;
        var random = new Random(5);
        var data = new TrainingSet(
            Enumerable.Range(0, 100 * Inputs).Select(_ => (float)random.NextDouble() * 2 - 0.5f).ToArray(),
            Enumerable.Range(0, 100).Select(i => (long)(i * 7 % Classes)).ToArray(), Inputs);
        long[] chosen = Enumerable.Range(0, rows).Select(i => (long)(i * 13 % 100)).ToArray();

        torch.manual_seed(2);
        using var model = new MlpModule(Inputs, hidden, Classes, dropout: 0);
        using var flat = new FlatParameters(model.parameters().ToList());
        using var optimizer = new FusedSgd(flat, 0, 0, threads: 1);
        using var gather = new BatchGather(data, batchSize);
        var batch = gather.Gather(chosen);

        using var manual = new ManualMlpStep(optimizer, batchSize, new CrossEntropyLoss(labelSmoothing));
        flat.GradientTensor.fill_(float.NaN);   // every gradient must be written, none accumulated
        var (lossSum, correct) = manual.ComputeGradients(batch);
        using var manualGradients = flat.GradientTensor.clone();

        flat.ZeroGradients();
        using var scope = NewDisposeScope();
        var logits = model.forward(batch.Inputs);
        var loss = nn.functional.cross_entropy(logits, batch.Targets, label_smoothing: labelSmoothing);
        loss.backward();

        double difference = (manualGradients - flat.GradientTensor).norm().item<float>() / flat.GradientTensor.norm().item<float>();
        Assert.True(difference <= 1e-5, $"relative difference {difference:E2}");
        Assert.Equal(loss.item<float>() * rows, lossSum, 4);
        Assert.Equal(logits.argmax(1).eq(batch.Targets).sum().item<long>(), correct);
    }
}
