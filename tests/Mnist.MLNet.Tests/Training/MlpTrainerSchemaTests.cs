namespace Mnist.MLNet.Tests.Training;

[Collection(LibTorchCollection.Name)]
public class MlpTrainerSchemaTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public uint Label { get; set; }
        [VectorType(4)] public float[] Features { get; set; } = new float[4];
    }

    private sealed class WrongFeatures
    {
        public uint Label { get; set; }
        public float Features { get; set; }
    }

    private IDataView Rows(int count, Func<int, float>? feature = null, int classes = 3) =>
        _ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new Row
        {
            Label = (uint)(i % classes),
            Features = [feature?.Invoke(i) ?? i % classes, 1, (i * 7) % 5, 0.5f],
        }));

    private IDataView Keyed(IDataView data) => _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);

    private MlpTrainer Trainer(MlpTrainer.Options? options = null) =>
        new(_ml, options ?? new MlpTrainer.Options { MaxEpoch = 1, HiddenLayers = [8], Seed = 1 });

    [Fact]
    public void Fit_LabelNotKey_ThrowsNamingLabelColumn()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer().Fit(Rows(10)));
        Assert.Contains("label column 'Label'", e.Message);
        Assert.Contains("expected Key", e.Message);
        Assert.Contains("UInt32", e.Message);
    }

    [Fact]
    public void Fit_MissingFeatures_ThrowsNamingFeatureColumn()
    {
        var trainer = Trainer(new MlpTrainer.Options { MaxEpoch = 1, FeatureColumnName = "Pixels" });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(Keyed(Rows(10))));
        Assert.Contains("feature column 'Pixels'", e.Message);
    }

    [Fact]
    public void Fit_ScalarFeatures_ThrowsNamingFeatureColumnAndType()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new WrongFeatures { Label = 1, Features = 2 } });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer().Fit(Keyed(data)));
        Assert.Contains("feature column 'Features'", e.Message);
        Assert.Contains("Single", e.Message);
    }

    [Fact]
    public void Fit_ValidationFeaturesOfOtherLength_ThrowsNamingColumn()
    {
        var other = _ml.Data.LoadFromEnumerable(new[] { new { Label = 1u, Features = new float[3] } }
            .Select(r => new OtherSize { Label = r.Label, Features = r.Features }));
        var trainer = Trainer(new MlpTrainer.Options { MaxEpoch = 1, ValidationSet = other });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(Keyed(Rows(10))));
        Assert.Contains("feature column 'Features'", e.Message);
        Assert.Contains("Vector<Single, 4>", e.Message);
    }

    private sealed class OtherSize
    {
        public uint Label { get; set; }
        [VectorType(3)] public float[] Features { get; set; } = new float[3];
    }

    [Fact]
    public void Fit_ValidationLabelWithMoreClassesThanOutputs_ThrowsNamingColumnAndCounts()
    {
        var validation = Keyed(Rows(24, classes: 4));     // 4 classes; the network is sized for the training label's 3
        var trainer = Trainer(new MlpTrainer.Options { MaxEpoch = 1, HiddenLayers = [8], ValidationSet = validation });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(Keyed(Rows(30))));
        Assert.Contains("Label column 'Label' has 4 classes", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Theory]
    [InlineData(float.NaN, 17)]
    [InlineData(float.PositiveInfinity, 3)]
    public void Fit_NonFiniteFeature_ThrowsNamingColumnAndRow(float value, int row)
    {
        var data = Keyed(Rows(50, i => i == row ? value : 1));
        var e = Assert.Throws<TrainingDataException>(() => Trainer().Fit(data));
        Assert.Contains("'Features'", e.Message);
        Assert.Contains($"row {row}", e.Message);
    }

    [Fact]
    public void Fit_NoRows_ThrowsTrainingDataException()
    {
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(Rows(10));
        var empty = keyed.Transform(_ml.Data.LoadFromEnumerable(Array.Empty<Row>()));
        var e = Assert.Throws<TrainingDataException>(() => Trainer().Fit(empty));
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void Fit_HugeLearningRate_ThrowsDivergedNamingEpochAndBatch()
    {
        var data = Keyed(Rows(512, i => (i % 3) * 1e4f));
        var trainer = Trainer(new MlpTrainer.Options { MaxEpoch = 3, HiddenLayers = [16], Seed = 1, LearningRate = 1e12, Optimizer = OptimizerKind.Sgd, Momentum = 0 });
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data));
        Assert.Matches(@"epoch \d+, batch \d+", e.Message);
        Assert.InRange(e.Epoch, 1, 3);
    }

    [Fact]
    public void Fit_Cancelled_StopsAtBatchBoundaryAndThrows()
    {
        using var cts = new CancellationTokenSource();
        var batches = new List<int>();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Completed is null) batches.Add(p.Batch);
            if (p.Batch == 3) cts.Cancel();
        });
        var trainer = new MlpTrainer(_ml, new MlpTrainer.Options { MaxEpoch = 5, BatchSize = 8, HiddenLayers = [8], Seed = 1 }, progress, cts.Token);
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(Keyed(Rows(200))));
        Assert.Equal([1, 2, 3], batches);
    }

    [Theory]
    [InlineData(nameof(MlpTrainer.Options.BatchSize))]
    [InlineData(nameof(MlpTrainer.Options.LearningRate))]
    [InlineData(nameof(MlpTrainer.Options.HiddenLayers))]
    [InlineData(nameof(MlpTrainer.Options.Dropout))]
    [InlineData(nameof(MlpTrainer.Options.MaxEpoch))]
    public void Constructor_OptionOutOfRange_ThrowsNamingOption(string option)
    {
        var options = new MlpTrainer.Options();
        switch (option)
        {
            case nameof(options.BatchSize): options.BatchSize = -1; break;
            case nameof(options.LearningRate): options.LearningRate = -1; break;
            case nameof(options.HiddenLayers): options.HiddenLayers = [512, 0]; break;
            case nameof(options.Dropout): options.Dropout = 1; break;
            case nameof(options.MaxEpoch): options.MaxEpoch = -1; break;
        }
        var e = Assert.ThrowsAny<ArgumentException>(() => new MlpTrainer(_ml, options));
        Assert.Equal(option, e.ParamName);
    }

    [Fact]
    public void Constructor_Parameterless_UsesTutorialOptimizerAndLeavesWidthsBatchAndLengthToTheData()
    {
        var options = new MlpTrainer().TrainerOptions;
        Assert.Equal(MlpTrainer.Options.AutoBatchSize, options.BatchSize);
        Assert.Equal(1e-3, options.LearningRate);
        Assert.Null(options.HiddenLayers);
        Assert.Equal(MlpTrainer.Options.AutoMaxEpoch, options.MaxEpoch);
        Assert.Equal(OptimizerKind.Adam, options.Optimizer);
        Assert.True(options.Shuffle);
        Assert.Equal("Label", options.LabelColumnName);
        Assert.Equal("Features", options.FeatureColumnName);
    }
}
