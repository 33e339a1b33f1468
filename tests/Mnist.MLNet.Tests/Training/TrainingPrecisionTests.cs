using Mnist.MLNet.Network.Layers;

namespace Mnist.MLNet.Tests.Training;

/// <summary>Options.Precision: bfloat16 training (forced where the CPU lacks it) converges as fp32 does, and a CPU
/// without native bfloat16 trains in fp32 after one notice.</summary>
[Collection(LibTorchCollection.Name)]
public class TrainingPrecisionTests
{
    [Theory]
    [InlineData("conv4k3,pool2,conv8k3,pool2,dense16")]
    [InlineData(null)]
    public void Fit_ForcedBFloat16_ConvergesLikeFp32AndTheCardSaysBf16(string? layers)
    {
        var ml = new MLContext(seed: 1);
        var rows = ml.Data.TakeRows(ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Train), 2000);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label").Fit(rows);   // the test rows get the training keys
        var train = toKey.Transform(rows);
        var test = toKey.Transform(ml.Data.TakeRows(ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test), 500));

        var fp32 = Fit(ml, train, layers, TrainingPrecision.Fp32);
        var bf16 = Fit(ml, train, layers, TrainingPrecision.Bf16);

        Assert.Equal("Fp32", fp32.Card.TrainingOptions["Precision"]);
        Assert.Equal("Bf16", bf16.Card.TrainingOptions["Precision"]);
        double loss32 = fp32.History[^1].TrainLoss, loss16 = bf16.History[^1].TrainLoss;
        Assert.True(Math.Abs(loss16 - loss32) < 0.1 * loss32, $"train loss {loss16:F4} in bfloat16, {loss32:F4} in fp32");
        double accuracy32 = Accuracy(ml, fp32, test), accuracy16 = Accuracy(ml, bf16, test);
        Assert.True(accuracy16 > 0.5, $"bfloat16 test accuracy {accuracy16:P1}, fp32 {accuracy32:P1} (chance: 10%)");
        // Two epochs of a tiny network on 2,000 rows: 500 test rows move a few points between any two runs.
        Assert.True(Math.Abs(accuracy16 - accuracy32) < 0.08, $"test accuracy {accuracy16:P1} in bfloat16, {accuracy32:P1} in fp32");
    }

    [Fact]
    public void Fit_BFloat16OnThisCpu_NativeOrOneNoticeAndFp32()
    {
        var ml = new MLContext(seed: 1);
        var notices = new List<string>();
        var progress = new SynchronousProgress<TrainingProgress>(p => { if (p.Notice is { } n) notices.Add(n); });
        var options = new MlpTrainer.Options { HiddenLayers = [16], MaxEpoch = 1, Seed = 1, Precision = TrainingPrecision.Bf16 };

        var model = new MlpTrainer(ml, options, progress).Fit(MnistFixture.KeyedTrainRows(ml, 300));

        if (BFloat16Support.IsNative)
        {
            Assert.Empty(notices);
            Assert.Equal("Bf16", model.Card.TrainingOptions["Precision"]);
        }
        else
        {
            Assert.Contains("no native bfloat16", Assert.Single(notices));
            Assert.Equal("Fp32", model.Card.TrainingOptions["Precision"]);
        }
    }

    [Theory]
    [InlineData("flags\t\t: fpu vme sse2 avx2 fma", false)]
    [InlineData("flags\t\t: fpu avx512f avx512_bf16 avx512_vnni", true)]
    [InlineData("processor\t: 0\nflags\t\t: fpu amx_bf16 amx_tile\nbugs\t\t: spectre_v1", true)]
    [InlineData("model name\t: avx512_bf16 in a name is not a flag", false)]
    public void FlagsSayNative_CpuinfoFlags_FindsBFloat16Instructions(string cpuinfo, bool expected) =>
        Assert.Equal(expected, BFloat16Support.FlagsSayNative(cpuinfo));

    private static MlpTransformer Fit(MLContext ml, IDataView train, string? layers, TrainingPrecision precision) =>
        new MlpTrainer(ml, new MlpTrainer.Options
        {
            Layers = layers is null ? null : LayerStack.Parse(layers), HiddenLayers = [64], MaxEpoch = 2, Seed = 1, LearningRate = 3e-3,
            Precision = precision, ForceBFloat16 = true,
        }).Fit(train);

    private static double Accuracy(MLContext ml, MlpTransformer model, IDataView test) =>
        ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;
}
