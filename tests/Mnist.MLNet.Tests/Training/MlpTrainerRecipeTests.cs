using Mnist.MLNet.Training.Augmentation;
using Mnist.MLNet.Training.Recipes;
using Mnist.MLNet.Training.Schedules;

namespace Mnist.MLNet.Tests.Training;

/// <summary>Augmentation, schedules and label smoothing inside <c>MlpTrainer.Fit</c>, on 2,000 real digits.</summary>
[Collection(LibTorchCollection.Name)]
public class MlpTrainerRecipeTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly TempDirectory _checkpoints = new();
    private readonly IDataView _train;

    public MlpTrainerRecipeTests() => _train = MnistFixture.KeyedTrainRows(_ml, 2000);

    public void Dispose() => _checkpoints.Dispose();

    private MlpTrainer.Options Augmented(bool checkpoint = false, bool resume = false) => new()
    {
        MaxEpoch = 3, HiddenLayers = [32], BatchSize = 64, Seed = 7, NumberOfThreads = 1, Dropout = 0.1, LabelSmoothing = 0.1,
        LearningRateSchedule = LearningRateScheduleKind.OneCycle, StartLearningRateRatio = 0.1, FinalLearningRateRatio = 0.01,
        Augmentation = MlpRecipes.BestAugmentation(),
        CheckpointDirectory = checkpoint ? _checkpoints.Path : null, ResumeFromCheckpoint = resume,
    };

    [Fact]
    public void Fit_AugmentedSameSeed_SameWeights()
    {
        var first = new MlpTrainer(_ml, Augmented()).Fit(_train);
        var second = new MlpTrainer(_ml, Augmented()).Fit(_train);
        var plain = Augmented();
        plain.Augmentation = null;
        var unaugmented = new MlpTrainer(_ml, plain).Fit(_train);

        AssertSameWeights(first.Weights, second.Weights);
        Assert.NotEqual(first.Weights.Layers[0].Weight, unaugmented.Weights.Layers[0].Weight);
    }

    [Fact]
    public void Resume_AugmentedCancelMidEpoch_EqualsUninterruptedRun()
    {
        var reference = new MlpTrainer(_ml, Augmented()).Fit(_train);

        using var cts = new CancellationTokenSource();
        var stopMidEpoch2 = new SynchronousProgress<TrainingProgress>(p => { if (p.Epoch == 2 && p.Batch == 13) cts.Cancel(); });
        var e = Assert.Throws<TrainingCanceledException>(() =>
            new MlpTrainer(_ml, Augmented(checkpoint: true), stopMidEpoch2, cts.Token).Fit(_train));
        Assert.Equal((2, 13), (e.Epoch, e.Batch));

        var resumed = new MlpTrainer(_ml, Augmented(checkpoint: true, resume: true)).Fit(_train);
        AssertSameWeights(reference.Weights, resumed.Weights);
        Assert.Equal(reference.History[1].TrainLoss, resumed.History[1].TrainLoss, 10);
    }

    [Fact]
    public void Fit_LabelSmoothing_FirstBatchLossIsLinearInSmoothing()
    {
        // With the same seed the first batch sees the same weights and images, so its loss
        // (1 - e) * CE + e * U, with U the mean of -log p over all classes, moves linearly in e.
        double FirstBatchLoss(double smoothing)
        {
            double loss = double.NaN;
            var options = new MlpTrainer.Options { MaxEpoch = 1, HiddenLayers = [32], Seed = 3, NumberOfThreads = 1, LabelSmoothing = smoothing };
            var progress = new SynchronousProgress<TrainingProgress>(p => { if (p.Batch == 1 && p.Completed is null) loss = p.RunningLoss; });
            new MlpTrainer(_ml, options, progress).Fit(_train);
            return loss;
        }
        double plain = FirstBatchLoss(0), fifth = FirstBatchLoss(0.2), twoFifths = FirstBatchLoss(0.4);

        Assert.True(Math.Abs(fifth - plain) > 1e-3);
        Assert.Equal(twoFifths - plain, 2 * (fifth - plain), 4);
        // At initialisation the outputs are near uniform, so U is near log 10 and CE near it too.
        double uniform = plain + (fifth - plain) / 0.2;
        Assert.Equal(Math.Log(10), uniform, 1);
    }

    [Fact]
    public void Fit_AugmentationShapeNotFeatureSize_ThrowsNamingColumnBeforeTraining()
    {
        var options = Augmented();
        options.Augmentation!.ImageShape = new ImageShape(20, 20);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MlpTrainer(_ml, options).Fit(_train));
        Assert.Contains("'Features'", e.Message);
        Assert.Contains("20x20", e.Message);
        Assert.Contains("784", e.Message);
    }

    [Fact]
    public void Create_EachRecipe_ValidatesAndKeepsTutorialNetwork()
    {
        foreach (var recipe in Enum.GetValues<MlpRecipe>().Where(r => r != MlpRecipe.Cnn))   // Cnn: CnnRecipeTests
        {
            var options = MlpRecipes.Create(recipe);
            Assert.Equal([512, 256], options.HiddenLayers!);
            Assert.NotEqual(MlpTrainer.Options.AutoMaxEpoch, options.MaxEpoch);
            _ = new MlpTrainer(_ml, options);   // validates
        }
        Assert.Equal(MlpTrainer.Defaults.TutorialBatchSize, MlpRecipes.Create(MlpRecipe.Tutorial).BatchSize);
        Assert.Equal(5, MlpRecipes.Create(MlpRecipe.Tutorial).MaxEpoch);
        Assert.True(MlpRecipes.Create(MlpRecipe.Best).MaxEpoch <= 40);
    }

    private static void AssertSameWeights(MlpWeights expected, MlpWeights actual)
    {
        Assert.Equal(expected.Layers.Count, actual.Layers.Count);
        for (int i = 0; i < expected.Layers.Count; i++)
        {
            Assert.Equal(expected.Layers[i].Weight, actual.Layers[i].Weight);
            Assert.Equal(expected.Layers[i].Bias, actual.Layers[i].Bias);
        }
    }
}
