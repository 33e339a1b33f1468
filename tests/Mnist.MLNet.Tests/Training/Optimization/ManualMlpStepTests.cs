using static TorchSharp.torch;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Tests.Training.Optimization;

[Collection(LibTorchCollection.Name)]
public class ManualMlpStepTests
{
    [Theory]
    [InlineData(new[] { 64, 32 }, 16, 16, 0.0, 0.0)]   // a full batch
    [InlineData(new[] { 64, 32 }, 16, 5, 0.0, 0.0)]    // the short last batch of an epoch
    [InlineData(new[] { 24 }, 8, 8, 0.0, 0.0)]
    [InlineData(new[] { 64, 32 }, 16, 16, 0.1, 0.0)]   // label smoothing, as cross_entropy's label_smoothing
    [InlineData(new[] { 24 }, 8, 5, 0.3, 0.0)]
    [InlineData(new[] { 64, 32 }, 16, 16, 0.0, 0.25)]  // dropout, each hidden layer's mask drawn from the same seed
    [InlineData(new[] { 64, 32 }, 16, 5, 0.0, 0.5)]
    public void ComputeGradients_SameBatch_EqualsAutograd(int[] hidden, int batchSize, int rows, double labelSmoothing, double dropout)
    {
        const int Inputs = 30, Classes = 10;
        var random = new Random(5);
        var data = new TrainingSet(
            Enumerable.Range(0, 100 * Inputs).Select(_ => (float)random.NextDouble() * 2 - 0.5f).ToArray(),
            Enumerable.Range(0, 100).Select(i => (long)(i * 7 % Classes)).ToArray(), Inputs);
        long[] chosen = Enumerable.Range(0, rows).Select(i => (long)(i * 13 % 100)).ToArray();

        torch.manual_seed(2);
        using var model = new MlpModule(Inputs, hidden, Classes, dropout);
        using var flat = new FlatParameters(model.parameters().ToList());
        using var optimizer = new FusedSgd(flat, 0, 0, threads: 1);
        using var gather = new BatchGather(data, batchSize);
        var batch = gather.Gather(chosen);

        using var manual = new ManualMlpStep(optimizer, batchSize, new CrossEntropyLoss(labelSmoothing), dropout);
        flat.GradientTensor.fill_(float.NaN);   // every gradient must be written, none accumulated
        // The masks' seeds come from libtorch's global generator: seeded and drawn under the engine's lock, so that no
        // test training beside this one draws in between.
        var (lossSum, correct) = TorchRuntime.RunExclusive(() =>
        {
            torch.manual_seed(7);
            return manual.ComputeGradients(batch);
        });
        using var manualGradients = flat.GradientTensor.clone();

        flat.ZeroGradients();
        using var scope = NewDisposeScope();
        var logits = TorchRuntime.RunExclusive(() =>
        {
            torch.manual_seed(7);
            return dropout == 0 ? model.forward(batch.Inputs) : ForwardWithMasks(model, batch.Inputs, new DropoutMask(dropout));
        });
        var loss = nn.functional.cross_entropy(logits, batch.Targets, label_smoothing: labelSmoothing);
        loss.backward();

        double difference = (manualGradients - flat.GradientTensor).norm().item<float>() / flat.GradientTensor.norm().item<float>();
        Assert.True(difference <= 1e-5, $"relative difference {difference:E2}");
        Assert.Equal(loss.item<float>() * rows, lossSum, 4);
        Assert.Equal(logits.argmax(1).eq(batch.Targets).sum().item<long>(), correct);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public void DropoutMask_DropsItsShareAndScalesTheRest(double dropout)
    {
        var mask = new DropoutMask(dropout);
        var values = Enumerable.Repeat(1f, 100_001).ToArray();
        mask.Apply(values, seed: 3);
        double dropped = values.Count(v => v == 0) / (double)values.Length;
        Assert.InRange(dropped, dropout - 0.01, dropout + 0.01);
        Assert.All(values.Where(v => v != 0), v => Assert.Equal(1 / (1 - dropout), v, 5));
        var again = Enumerable.Repeat(1f, values.Length).ToArray();
        mask.Apply(again, seed: 3);
        Assert.Equal(values, again);
        mask.Apply(again = Enumerable.Repeat(1f, values.Length).ToArray(), seed: 4);
        Assert.NotEqual(values, again);
    }

    // The module's layers with ReLU then each hidden layer's mask, drawn as the step draws it: one seed a layer from
    // libtorch's generator.
    private static Tensor ForwardWithMasks(MlpModule model, Tensor inputs, DropoutMask dropout)
    {
        var parameters = model.parameters().ToList();
        Tensor output = inputs;
        for (int k = 0; k < parameters.Count; k += 2)
        {
            output = nn.functional.linear(output, parameters[k], parameters[k + 1]);
            if (k + 2 == parameters.Count) break;
            output = nn.functional.relu(output);
            var mask = Enumerable.Repeat(1f, (int)output.numel()).ToArray();
            dropout.Apply(mask, DropoutMask.NextSeed());
            output = output * tensor(mask, output.shape);
        }
        return output;
    }
}
