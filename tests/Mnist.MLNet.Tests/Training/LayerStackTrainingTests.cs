using System.Globalization;
using Mnist.MLNet.Network.Layers;
using Mnist.MLNet.Tests.Reliability;
using Xunit.Abstractions;

namespace Mnist.MLNet.Tests.Training;

/// <summary>A small convolutional stack trained through the MLP's engine on real MNIST rows.</summary>
[Collection(LibTorchCollection.Name)]
public class LayerStackTrainingTests(ITestOutputHelper output)
{
    private const int TrainRows = 5000;

    [Fact]
    public async Task Fit_TinyConvStackOneEpoch_BeatsChanceAndScoresTheSameWithoutLibTorch()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.TakeRows(ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Train), TrainRows);
        var test = ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);
        var trainer = ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
        {
            Layers = LayerStack.Parse("conv8k3,pool2,conv16k3,pool2,dense32"), MaxEpoch = 1, Seed = 1, LearningRate = 3e-3,
        });
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(trainer)
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var model = pipeline.Fit(train);

        var scored = model.Transform(test);
        var predictions = scored.GetColumn<uint>("PredictedLabel").ToArray();
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        var labels = test.GetColumn<uint>("Label").ToArray();
        double accuracy = predictions.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;
        output.WriteLine($"test accuracy after 1 epoch on {TrainRows} rows: {accuracy:P2}");
        Assert.True(accuracy > 0.7, $"test accuracy {accuracy:P2}, chance is 10%");

        var fitted = model.OfType<MlpTransformer>().Single();
        Assert.Equal("conv8k3,pool2,conv16k3,pool2,flatten,dense32,dense10:linear", fitted.Card.TrainingOptions["Layers"]);
        Assert.Equal([28, 28], fitted.Card.ImageShape);
        Assert.NotNull(fitted.Model.LayerStack);
        Assert.Empty(fitted.Model.Layers);

        using var dir = new TempDirectory();
        var path = dir.Combine("conv.zip");
        ml.Model.Save(model, train.Schema, path);
        var tsv = dir.Combine("predictions.tsv");
        using var app = ChildProcess.Start(BuiltPrograms.ScoringApp, path, MnistFixture.Directory, tsv);
        var (exit, appOutput) = await ChildProcess.WaitAsync(app, TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, appOutput);
        Assert.DoesNotContain("torch", appOutput);   // the app lists the native inference libraries it loaded
        var lines = File.ReadLines(tsv).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(predictions, lines.Select(l => uint.Parse(l[0], CultureInfo.InvariantCulture)));
        for (int i = 0; i < lines.Length; i++)
            for (int k = 0; k < 10; k++)
                Assert.Equal(scores[i][k], float.Parse(lines[i][k + 1], CultureInfo.InvariantCulture), 1e-6f);
    }

    private sealed class TableRow
    {
        public uint Label { get; set; }
        [VectorType(4)] public float[] Features { get; set; } = [];
    }

    [Fact]
    public void Fit_StackWithAdaptiveLength_CardRecordsWhatWasDecided()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            return new TableRow { Label = x[0] + x[1] > 0.5 ? 2u : x[0] - x[2] > 0 ? 1u : 0u, Features = x };
        }).ToList();
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));

        var model = ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { Layers = LayerStack.Parse("dense16"), Seed = 2 }).Fit(data);

        var card = model.Card.TrainingOptions;
        Assert.Equal("auto", card["MaxEpoch"]);
        Assert.InRange(int.Parse(card["HeldOutRows"], CultureInfo.InvariantCulture), 28, 33);   // a tenth, rounded per class
        Assert.Equal(model.Card.History.Count.ToString(CultureInfo.InvariantCulture), card["EpochsRun"]);
        Assert.InRange(int.Parse(card["BestEpoch"], CultureInfo.InvariantCulture), 1, model.Card.History.Count);
        Assert.True(card["StopReason"].EndsWith("kept epoch " + card["BestEpoch"]) || card["StopReason"].StartsWith("trained all"), card["StopReason"]);
        Assert.Equal(("200", "0.001", "0"), (card["BatchSize"], card["WeightDecay"], card["Dropout"]));
        Assert.All(model.Card.History, e => Assert.NotNull(e.ValidationLoss));
    }

    [Fact]
    public void Fit_StackTooDeepForTheImage_RefusedBeforeTrainingNamingColumnAndLayer()
    {
        var ml = new MLContext(seed: 1);
        var rows = MnistFixture.KeyedTrainRows(ml, 100);
        var trainer = new MlpTrainer(ml, new MlpTrainer.Options { Layers = LayerStack.Parse("conv8k5,pool2,conv8k5,pool2,conv8k5"), MaxEpoch = 1 });

        var error = Assert.Throws<LayerShapeException>(() => trainer.Fit(rows));

        Assert.Equal("Features", error.ColumnName);
        Assert.Contains("Feature column 'Features' (a 1x28x28 image)", error.Message);
        Assert.Contains("layer 7 'conv8k5'", error.Message);
    }

    [Fact]
    public void Create_LayerStackWithDropoutOption_ThrowsNamingTheOption()
    {
        var options = new MlpTrainer.Options { Layers = LayerStack.Parse("conv8k3,pool2,dense32"), Dropout = 0.3 };

        var error = Assert.Throws<ArgumentException>(() => new MlpTrainer(new MLContext(seed: 1), options));

        Assert.Equal(nameof(MlpTrainer.Options.Dropout), error.ParamName);
        Assert.Contains("declare it in Layers", error.Message);
        Assert.Contains("drop0.3", error.Message);
    }

    /// <summary>Checkpoints hold the stack's module (batch-norm statistics included) and its best weights, so a run
    /// cancelled mid-epoch resumes to the uninterrupted run's result.</summary>
    [Fact]
    public void Resume_LayerStackCancelledMidEpoch_EqualsUninterruptedRun()
    {
        var ml = new MLContext(seed: 1);
        var rows = MnistFixture.KeyedTrainRows(ml, 1300);
        var (train, valid) = (ml.Data.TakeRows(rows, 1000), ml.Data.SkipRows(rows, 1000));
        using var checkpoints = new TempDirectory();
        MlpTrainer.Options Options(bool checkpoint, bool resume = false) => new()
        {
            Layers = LayerStack.Parse("conv4k3,bn,pool2,drop0.1,dense16"), MaxEpoch = 3, BatchSize = 64, Seed = 7, NumberOfThreads = 1,
            ValidationSet = valid, EarlyStoppingPatience = 5,
            CheckpointDirectory = checkpoint ? checkpoints.Path : null, ResumeFromCheckpoint = resume,
        };
        var reference = new MlpTrainer(ml, Options(checkpoint: false)).Fit(train);

        using var cts = new CancellationTokenSource();
        var stopMidEpoch2 = new SynchronousProgress<TrainingProgress>(p => { if (p.Epoch == 2 && p.Batch == 7) cts.Cancel(); });
        var e = Assert.Throws<TrainingCanceledException>(() => new MlpTrainer(ml, Options(checkpoint: true), stopMidEpoch2, cts.Token).Fit(train));
        Assert.Equal(2, e.Epoch);
        var resumed = new MlpTrainer(ml, Options(checkpoint: true, resume: true)).Fit(train);

        Assert.Equal(3, resumed.History.Count);
        Assert.Equal(reference.History[2].TrainLoss, resumed.History[2].TrainLoss, 10);
        Assert.Equal(reference.History[2].ValidationLoss!.Value, resumed.History[2].ValidationLoss!.Value, 10);
        foreach (var tensor in reference.Model.LayerStack!.Tensors)
            Assert.Equal(tensor.Values, resumed.Model.LayerStack!.Tensor(tensor.Name).Values);
    }
}
