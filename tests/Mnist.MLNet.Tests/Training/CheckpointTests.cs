namespace Mnist.MLNet.Tests.Training;

[Collection(LibTorchCollection.Name)]
public class CheckpointTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly TempDirectory _checkpoints = new();
    private readonly IDataView _train;

    public CheckpointTests() => _train = MnistFixture.KeyedTrainRows(_ml, 3000);

    public void Dispose() => _checkpoints.Dispose();

    private MlpTrainer.Options Options(bool resume = false) => new()
    {
        MaxEpoch = 4, HiddenLayers = [32], Seed = 7, NumberOfThreads = 1,
        CheckpointDirectory = _checkpoints.Path, ResumeFromCheckpoint = resume,
    };

    [Fact]
    public void Resume_AfterCancelAtEpoch2_EqualsUninterruptedRun()
    {
        var reference = new MlpTrainer(_ml, new MlpTrainer.Options { MaxEpoch = 4, HiddenLayers = [32], Seed = 7, NumberOfThreads = 1 }).Fit(_train);

        using var cts = new CancellationTokenSource();
        var stopAfterEpoch2 = new SynchronousProgress<TrainingProgress>(p => { if (p.Completed?.Epoch == 2) cts.Cancel(); });
        var e = Assert.Throws<TrainingCanceledException>(() => new MlpTrainer(_ml, Options(), stopAfterEpoch2, cts.Token).Fit(_train));
        Assert.Equal(3, e.Epoch);
        Assert.Equal(0, e.Batch);
        Assert.True(File.Exists(e.CheckpointPath));

        var resumed = new MlpTrainer(_ml, Options(resume: true)).Fit(_train);
        AssertSameWeights(reference.Weights, resumed.Weights);
        Assert.Equal(4, resumed.History.Count);
        Assert.Equal(reference.History[3].TrainLoss, resumed.History[3].TrainLoss, 12);
    }

    [Fact]
    public void Resume_AfterCancelMidEpoch_EqualsUninterruptedRun()
    {
        var reference = new MlpTrainer(_ml, new MlpTrainer.Options { MaxEpoch = 4, HiddenLayers = [32], Seed = 7, NumberOfThreads = 1 }).Fit(_train);

        using var cts = new CancellationTokenSource();
        var stopMidEpoch3 = new SynchronousProgress<TrainingProgress>(p => { if (p.Epoch == 3 && p.Batch == 20) cts.Cancel(); });
        var e = Assert.Throws<TrainingCanceledException>(() => new MlpTrainer(_ml, Options(), stopMidEpoch3, cts.Token).Fit(_train));
        Assert.Equal((3, 20), (e.Epoch, e.Batch));

        var resumed = new MlpTrainer(_ml, Options(resume: true)).Fit(_train);
        AssertSameWeights(reference.Weights, resumed.Weights);
        Assert.Equal(reference.History[2].TrainLoss, resumed.History[2].TrainLoss, 10);
    }

    [Fact]
    public void Resume_OtherOptions_ThrowsNamingCheckpoint()
    {
        var first = Options();
        first.MaxEpoch = 1;
        new MlpTrainer(_ml, first).Fit(_train);
        var other = Options(resume: true);
        other.HiddenLayers = [16];
        var e = Assert.Throws<CheckpointMismatchException>(() => new MlpTrainer(_ml, other).Fit(_train));
        Assert.Contains(Checkpoint.FileName, e.Message);
    }

    [Fact]
    public void Resume_CorruptCheckpoint_ThrowsInvalidDataNamingFile()
    {
        Directory.CreateDirectory(_checkpoints.Path);
        File.WriteAllText(Checkpoint.PathIn(_checkpoints.Path), "not a zip");
        var e = Assert.Throws<InvalidDataException>(() => new MlpTrainer(_ml, Options(resume: true)).Fit(_train));
        Assert.Contains(Checkpoint.PathIn(_checkpoints.Path), e.Message);
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
