namespace Mnist.MLNet.Tests.Training;

/// <summary>The trainers without options, on small generated sets: how long they train, what they keep and decide.</summary>
public class AdaptiveDefaultsTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public bool Label { get; set; }
        [VectorType(8)] public float[] Features { get; set; } = [];
    }

    // 8 features uniform in [-1, 1]; positive when x0 + x1 > threshold (1.6: about 2% positives).
    private IDataView Threshold(int rows, double threshold, int seed)
    {
        var random = new Random(seed);
        return _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ =>
        {
            var x = Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            return new Row { Label = x[0] + x[1] > threshold, Features = x };
        }).ToList());
    }

    private static ModelCard Card(ITransformer model) => ((IModelCardProvider)model).Card;

    [Fact]
    public void Fit_Defaults_HoldsOutRowsStopsEarlyAndKeepsTheEpochOfLowestValidationLoss()
    {
        var data = Threshold(300, 0, seed: 2);

        using var model = _ml.BinaryClassification.Trainers.Mlp().Fit(data);

        var card = Card(model).TrainingOptions;
        var history = Card(model).History;
        Assert.Equal("auto", card["MaxEpoch"]);
        Assert.Equal("30", card["HeldOutRows"]);
        Assert.Equal("100", card["HiddenLayers"]);
        Assert.Equal("200", card["BatchSize"]);   // min(200, rows)
        var length = TrainingLength.For(new MlpTrainer.Options(), rows: 270, batchSize: 200);
        Assert.InRange(history.Count, length.MinEpoch, length.MaxEpoch);
        Assert.Equal(history.Count.ToString(), card["EpochsRun"]);
        int best = int.Parse(card["BestEpoch"]);
        // The epoch of the lowest loss, or an earlier one it did not improve on by more than the tolerance.
        double lowest = history.Min(e => e.ValidationLoss!.Value);
        Assert.InRange(history[best - 1].ValidationLoss!.Value, lowest, lowest / (1 - TrainingLength.Tolerance));
        Assert.True(best <= history.MinBy(e => e.ValidationLoss)!.Epoch);
        Assert.Contains(history.Count < length.MaxEpoch ? "no lower validation loss" : "trained all", card["StopReason"]);
        // 300 rows in batches of 200 are 2 steps an epoch: the second run trains at least 500 epochs (1,000 steps).
        int refit = Math.Max(best, TrainingLength.FloorSteps / 2);
        Assert.Equal(refit.ToString(), card["RefitEpochs"]);
        Assert.Contains($"then trained {refit} epochs on all 300 rows", card["StopReason"]);
        Assert.Equal(refit > best, card["StopReason"].EndsWith($"(the floor of {TrainingLength.FloorSteps} steps)", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_DefaultsWhereTheHeldOutLossBottomsEarly_TrainTheSecondRunToTheStepFloor()
    {
        // Labels that are coin flips: the held-out loss is lowest within the first epochs, long before 1,000 steps.
        var random = new Random(3);
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 300).Select(_ => new Row
        {
            Label = random.Next(2) == 1,
            Features = Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(),
        }).ToList());

        using var model = _ml.BinaryClassification.Trainers.Mlp().Fit(data);

        var card = Card(model).TrainingOptions;
        int best = int.Parse(card["BestEpoch"]);
        // 300 rows in batches of 200 are 2 steps an epoch: the floor of 1,000 steps is 500 epochs.
        Assert.InRange(best, 1, TrainingLength.FloorSteps / 2 - 1);
        Assert.Equal((TrainingLength.FloorSteps / 2).ToString(), card["RefitEpochs"]);
        Assert.EndsWith($"then trained 500 epochs on all 300 rows (the floor of {TrainingLength.FloorSteps} steps)", card["StopReason"]);
    }

    [Fact]
    public void Fit_DefaultsOnFewRows_EndWithExactlyAFixedRunOnEveryRowForTheChosenEpochs()
    {
        var data = Threshold(300, 0, seed: 6);

        using var auto = _ml.BinaryClassification.Trainers.Mlp(new BinaryMlpTrainer.Options { Seed = 5 }).Fit(data);
        int refit = int.Parse(Card(auto).TrainingOptions["RefitEpochs"]);
        using var fixedRun = _ml.BinaryClassification.Trainers.Mlp(new BinaryMlpTrainer.Options
        {
            Seed = 5, MaxEpoch = refit, BatchSize = 200, HiddenLayers = [100], WeightDecay = DataDefaults.SmallDataWeightDecay,
        }).Fit(data);

        Assert.Equal("0.001", Card(auto).TrainingOptions["WeightDecay"]);
        Assert.Equal(fixedRun.Transform(data).GetColumn<float>("Score"), auto.Transform(data).GetColumn<float>("Score"));
    }

    [Fact]
    public void Fit_DecisionThreshold_PredictsTrueFromThatProbabilityAndSurvivesSaving()
    {
        var data = Threshold(300, 0.8, seed: 7);
        using var model = _ml.BinaryClassification.Trainers.Mlp(new BinaryMlpTrainer.Options
        {
            MaxEpoch = 5, DecisionThreshold = 0.2, Seed = 1,
        }).Fit(data);
        using var directory = new TempDirectory();
        var path = directory.Combine("model.zip");
        _ml.Model.Save(model, data.Schema, path);
        var loaded = _ml.Model.LoadWithMlp(path, out _);

        foreach (var scored in new[] { model.Transform(data), loaded.Transform(data) })
        {
            var probability = scored.GetColumn<float>("Probability").ToArray();
            var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
            var score = scored.GetColumn<float>("Score").ToArray();
            Assert.Contains(probability, p => p is > 0.2f and < 0.5f);   // rows the threshold decides
            for (int i = 0; i < probability.Length; i++)
            {
                Assert.Equal(probability[i] > 0.2f, predicted[i]);
                Assert.Equal(score[i] > 0, predicted[i]);
            }
        }
        Assert.Equal(0.2, ModelCard.Read(path).DecisionThreshold);
    }

    [Fact]
    public void Fit_MaxEpochSet_TrainsExactlyThatManyOnEveryRow()
    {
        var data = Threshold(300, 0, seed: 2);

        using var model = _ml.BinaryClassification.Trainers.Mlp(maxEpoch: 3).Fit(data);

        Assert.Equal(3, Card(model).History.Count);
        Assert.Equal("0", Card(model).TrainingOptions["HeldOutRows"]);
        Assert.Equal("false", Card(model).TrainingOptions["QuantileFeatures"]);
        Assert.All(Card(model).History, e => Assert.Null(e.ValidationLoss));
    }

    [Theory]
    [InlineData(200, 0.5)]
    [InlineData(1000, 1.6)]   // rare positives: with dropout
    public void Fit_CatalogDefaultsTwice_GiveTheSameModel(int rows, double threshold)
    {
        var data = Threshold(rows, threshold, seed: 3);

        float[] Scores() => _ml.BinaryClassification.Trainers.Mlp().Fit(data).Transform(data).GetColumn<float>("Score").ToArray();

        Assert.Equal(Scores(), Scores());
    }

    [Fact]
    public void Fit_RarePositives_ChoosesTheThresholdOnTheTrainingRowsAndPredictsFromIt()
    {
        var data = Threshold(2000, 1.6, seed: 8);

        using var model = _ml.BinaryClassification.Trainers.Mlp().Fit(data);

        var card = Card(model).TrainingOptions;
        double threshold = double.Parse(card["DecisionThreshold"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("best F1 on the 2000 training rows", card["DecisionThresholdRule"]);
        Assert.Equal("0.2", card["Dropout"]);
        Assert.InRange(threshold, 1e-6, 1 - 1e-6);
        Assert.NotEqual(0.5, threshold);
        var scored = model.Transform(data);
        var probability = scored.GetColumn<float>("Probability").ToArray();
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        for (int i = 0; i < probability.Length; i++)
            if (Math.Abs(probability[i] - threshold) > 1e-4) Assert.Equal(probability[i] > threshold, predicted[i]);
    }

    [Fact]
    public void Fit_BalancedClasses_KeepOneHalf()
    {
        using var model = _ml.BinaryClassification.Trainers.Mlp().Fit(Threshold(300, 0, seed: 9));

        Assert.Equal("0.5", Card(model).TrainingOptions["DecisionThreshold"]);
        Assert.StartsWith("one half:", Card(model).TrainingOptions["DecisionThresholdRule"]);
        Assert.Equal("0", Card(model).TrainingOptions["Dropout"]);
    }

    [Fact]
    public void Fit_RarePositives_TrainTheSecondRunWithDropoutAsAFixedRunWithItWould()
    {
        var data = Threshold(1000, 1.6, seed: 7);

        using var auto = _ml.BinaryClassification.Trainers.Mlp(new BinaryMlpTrainer.Options { Seed = 5 }).Fit(data);
        int refit = int.Parse(Card(auto).TrainingOptions["RefitEpochs"]);
        BinaryMlpTrainer.Options Fixed(double dropout) => new()
        {
            Seed = 5, MaxEpoch = refit, BatchSize = 200, HiddenLayers = [100], WeightDecay = DataDefaults.SmallDataWeightDecay,
            Dropout = dropout,
        };
        using var withDropout = _ml.BinaryClassification.Trainers.Mlp(Fixed(DataDefaults.RarePositivesDropout)).Fit(data);
        using var without = _ml.BinaryClassification.Trainers.Mlp(Fixed(0)).Fit(data);

        Assert.Equal("0.2", Card(auto).TrainingOptions["Dropout"]);
        // Score is the logit less the threshold's logit, which the fixed run leaves at one half: compare logits.
        var logits = auto.Transform(data).GetColumn<float>("Probability").ToArray();
        Assert.Equal(withDropout.Transform(data).GetColumn<float>("Probability"), logits);
        Assert.NotEqual(without.Transform(data).GetColumn<float>("Probability"), logits);
    }

    [Theory]
    [InlineData(3, MlpTrainerOptions.AutoDropout, "0")]   // a MaxEpoch set trains as the tutorial: no dropout
    [InlineData(0, 0.0, "0")]                           // none asked for
    [InlineData(0, 0.1, "0.1")]                         // the value given
    public void Fit_RarePositivesWithLengthOrDropoutSet_KeepWhatWasSet(int maxEpoch, double dropout, string trained)
    {
        var options = new BinaryMlpTrainer.Options { Seed = 2 };
        if (maxEpoch > 0) options.MaxEpoch = maxEpoch;
        options.Dropout = dropout;

        using var model = _ml.BinaryClassification.Trainers.Mlp(options).Fit(Threshold(600, 1.6, seed: 2));

        Assert.Equal(trained, Card(model).TrainingOptions["Dropout"]);
    }

    [Fact]
    public void Fit_TwoPercentPositives_FindsThemAtTheDefaultThreshold()
    {
        var train = Threshold(4000, 1.6, seed: 4);
        var test = Threshold(4000, 1.6, seed: 5);

        using var model = _ml.BinaryClassification.Trainers.Mlp().Fit(train);

        var metrics = _ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(test));
        Assert.True(metrics.F1Score >= 0.8, $"F1 {metrics.F1Score:F3} (positive recall {metrics.PositiveRecall:F3}, precision {metrics.PositivePrecision:F3})");
    }
}
