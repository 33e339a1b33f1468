using Xunit.Abstractions;

namespace Mnist.MLNet.Tests.Training;

[Collection(LibTorchCollection.Name)]
public class RegressionMlpTrainerTests(ITestOutputHelper output)
{
    private readonly MLContext _ml = new(seed: 1);

    private static RegressionMlpTrainer.Options SineOptions(int maxEpoch = 80, RegressionLossKind loss = RegressionLossKind.Squared) => new()
    {
        HiddenLayers = [64, 64], MaxEpoch = maxEpoch, BatchSize = 32, LearningRate = 1e-2, Seed = 3, Loss = loss,
    };

    [Theory]
    [InlineData(RegressionLossKind.Squared)]
    [InlineData(RegressionLossKind.Huber)]
    public void Fit_NoisySine_FitsWhereALineCannot(RegressionLossKind loss)
    {
        var train = TabularData.NoisySine(_ml, 400, seed: 1);
        var test = TabularData.NoisySine(_ml, 200, seed: 2);

        using var mlp = new RegressionMlpTrainer(_ml, SineOptions(loss: loss)).Fit(train);
        var metrics = _ml.Regression.Evaluate(mlp.Transform(test));
        double line = LeastSquaresLineRSquared(train, test);

        output.WriteLine($"R²: MLP ({loss}) {metrics.RSquared:F4}, least-squares line {line:F4}");
        Assert.True(metrics.RSquared >= 0.95, $"MLP R² {metrics.RSquared:F3}");
        Assert.True(line < 0.5, $"line R² {line:F3}");
        Assert.True(double.IsNaN(mlp.History[^1].TrainAccuracy));
    }

    [Fact]
    public void Fit_CatalogDefaults_FitNoisySineWithTheSmallSetPenaltyAndAtLeastTheStepFloor()
    {
        var train = TabularData.NoisySine(_ml, 400, seed: 1);
        var test = TabularData.NoisySine(_ml, 200, seed: 2);

        using var mlp = _ml.Regression.Trainers.Mlp().Fit(train);
        var metrics = _ml.Regression.Evaluate(mlp.Transform(test));

        var card = ((IModelCardProvider)mlp).Card.TrainingOptions;
        output.WriteLine($"R² {metrics.RSquared:F4}; {card["StopReason"]}");
        Assert.True(metrics.RSquared >= 0.9, $"MLP R² {metrics.RSquared:F3}");
        Assert.Equal("0.001", card["WeightDecay"]);
        // 400 rows in batches of 200: the second run is at least 500 epochs of 2 steps.
        Assert.InRange(int.Parse(card["RefitEpochs"]), TrainingLength.FloorSteps / 2, int.MaxValue);
    }

    // The best straight line (closed form, one feature) fitted on train, R² on test: what a linear model can reach.
    private static double LeastSquaresLineRSquared(IDataView train, IDataView test)
    {
        var (x, y) = (train.GetColumn<float[]>("Features").Select(f => (double)f[0]).ToArray(), train.GetColumn<float>("Label").Select(v => (double)v).ToArray());
        double mx = x.Average(), my = y.Average();
        double slope = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
        var (tx, ty) = (test.GetColumn<float[]>("Features").Select(f => (double)f[0]).ToArray(), test.GetColumn<float>("Label").Select(v => (double)v).ToArray());
        double tMean = ty.Average();
        double residual = tx.Zip(ty).Sum(p => Math.Pow(p.Second - (my + slope * (p.First - mx)), 2));
        return 1 - residual / ty.Sum(v => (v - tMean) * (v - tMean));
    }

    [Fact]
    public void SaveAndLoad_FreshContext_PredictsTheSameInLabelUnits()
    {
        var data = TabularData.NoisySine(_ml, 100, seed: 1);
        using var model = _ml.Regression.Trainers.Mlp(SineOptions(maxEpoch: 3)).Fit(data);

        var (loaded, card) = ModelRoundTrip.SaveAndLoad(_ml, model, data.Schema);
        var before = model.Transform(data).GetColumn<float>("Score").ToArray();
        var after = loaded.Transform(data).GetColumn<float>("Score").ToArray();

        Assert.Equal(before, after);
        Assert.InRange(before.Average(), 40, 60);   // in the label's units, not standardised
        Assert.Equal(MlpTask.Regression, card.Task);
        Assert.NotNull(card.LabelScaling);
        Assert.InRange(card.LabelScaling!.Mean, 48, 52);
        Assert.InRange(card.LabelScaling.StandardDeviation, 6, 8);
    }

    [Fact]
    public void CrossValidate_NoisySine_ReportsRSquaredPerFold()
    {
        var data = TabularData.NoisySine(_ml, 150, seed: 1);
        var results = _ml.Regression.CrossValidate(data, new RegressionMlpTrainer(_ml, SineOptions(maxEpoch: 2)), numberOfFolds: 3);
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(double.IsFinite(r.Metrics.RSquared)));
    }

    [Fact]
    public void Fit_BooleanLabel_ThrowsNamingColumnAndSingle()
    {
        var data = TabularData.Spirals(_ml, 5, seed: 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RegressionMlpTrainer().Fit(data));
        Assert.Contains("label column 'Label'", e.Message);
        Assert.Contains("expected Single, got Boolean", e.Message);
    }

    [Fact]
    public void Options_LabelSmoothing_ExistsOnlyOnMulticlass()
    {
        // Smoothing spreads probability over classes; a one-output task has none, so its options do not offer it.
        const string name = nameof(MlpTrainer.Options.LabelSmoothing);
        Assert.NotNull(typeof(MlpTrainer.Options).GetField(name));
        Assert.Null(typeof(RegressionMlpTrainer.Options).GetField(name));
        Assert.Null(typeof(BinaryMlpTrainer.Options).GetField(name));
    }

    [Fact]
    public void Constructor_NonPositiveHuberDelta_ThrowsNamingOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new RegressionMlpTrainer(_ml, new RegressionMlpTrainer.Options { HuberDelta = 0 }));
        Assert.Equal(nameof(RegressionMlpTrainer.Options.HuberDelta), e.ParamName);
    }
}
