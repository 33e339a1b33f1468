using Xunit.Abstractions;

namespace Mnist.MLNet.Tests.Training;

/// <summary><c>ExampleWeightColumnName</c>: a third of the training labels are wrong; weighting those rows 0 trains a
/// better model on clean test data than counting them, in every task.</summary>
[Collection(LibTorchCollection.Name)]
public class ExampleWeightTests(ITestOutputHelper output)
{
    private readonly MLContext _ml = new(seed: 1);

    private static T Options<T>(string label, bool weighted) where T : MlpTrainerOptions, new() => new()
    {
        LabelColumnName = label, HiddenLayers = [16], MaxEpoch = 20, BatchSize = 32, LearningRate = 1e-2, Seed = 1,
        ExampleWeightColumnName = weighted ? nameof(SignalData.Row.Weight) : null,
    };

    [Fact]
    public void Binary_FlippedRowsWeightedZero_BeatsCountingThem()
    {
        var (train, test) = Data(row => row.Positive = !row.Positive);
        double Accuracy(bool weighted)
        {
            using var model = new BinaryMlpTrainer(_ml, Options<BinaryMlpTrainer.Options>(nameof(SignalData.Row.Positive), weighted)).Fit(train);
            return _ml.BinaryClassification.Evaluate(model.Transform(test), nameof(SignalData.Row.Positive)).Accuracy;
        }
        AssertBeats(Accuracy(weighted: true), Accuracy(weighted: false), "accuracy", higherIsBetter: true);
    }

    [Fact]
    public void Multiclass_FlippedRowsWeightedZero_BeatsCountingThem()
    {
        var (train, test) = Data(row => row.Quadrant = (row.Quadrant + 1) % 4);
        var toKey = _ml.Transforms.Conversion.MapValueToKey("Label", nameof(SignalData.Row.Quadrant)).Fit(train);
        double Accuracy(bool weighted)
        {
            using var model = new MlpTrainer(_ml, Options<MlpTrainer.Options>("Label", weighted)).Fit(toKey.Transform(train));
            return _ml.MulticlassClassification.Evaluate(model.Transform(toKey.Transform(test))).MicroAccuracy;
        }
        AssertBeats(Accuracy(weighted: true), Accuracy(weighted: false), "accuracy", higherIsBetter: true);
    }

    [Fact]
    public void Regression_FlippedRowsWeightedZero_BeatsCountingThem()
    {
        var (train, test) = Data(row => row.Value = -row.Value);
        double RSquared(bool weighted)
        {
            using var model = new RegressionMlpTrainer(_ml, Options<RegressionMlpTrainer.Options>(nameof(SignalData.Row.Value), weighted)).Fit(train);
            return _ml.Regression.Evaluate(model.Transform(test), nameof(SignalData.Row.Value)).RSquared;
        }
        AssertBeats(RSquared(weighted: true), RSquared(weighted: false), "R²", higherIsBetter: true);
    }

    [Fact]
    public void Fit_MissingWeightColumn_ThrowsNamingIt()
    {
        var (train, _) = Data(_ => { });
        var options = Options<RegressionMlpTrainer.Options>(nameof(SignalData.Row.Value), weighted: false);
        options.ExampleWeightColumnName = "Importance";

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RegressionMlpTrainer(_ml, options).Fit(train));
        Assert.Contains("example weight column 'Importance'", e.Message);
    }

    [Fact]
    public void Fit_NegativeWeight_ThrowsNamingColumnAndRow()
    {
        var rows = SignalData.Rows(40, seed: 1);
        rows[7].Weight = -1;
        var train = SignalData.Features(_ml).Fit(_ml.Data.LoadFromEnumerable(rows)).Transform(_ml.Data.LoadFromEnumerable(rows));

        var e = Assert.Throws<TrainingDataException>(() =>
            new RegressionMlpTrainer(_ml, Options<RegressionMlpTrainer.Options>(nameof(SignalData.Row.Value), weighted: true)).Fit(train));
        Assert.Contains("'Weight'", e.Message);
        Assert.Contains("row 7", e.Message);
    }

    // 600 training rows of which every third has its label corrupted and weight 0; 400 clean test rows.
    private (IDataView Train, IDataView Test) Data(Action<SignalData.Row> corrupt)
    {
        var rows = SignalData.Rows(600, seed: 1);
        for (int i = 0; i < rows.Count; i += 3)
        {
            corrupt(rows[i]);
            rows[i].Weight = 0;
        }
        var features = SignalData.Features(_ml).Fit(_ml.Data.LoadFromEnumerable(rows));
        return (features.Transform(_ml.Data.LoadFromEnumerable(rows)), features.Transform(SignalData.Load(_ml, 400, seed: 2)));
    }

    private void AssertBeats(double weighted, double unweighted, string metric, bool higherIsBetter)
    {
        output.WriteLine($"{metric} on clean test data: weighted {weighted:F4}, unweighted {unweighted:F4}");
        Assert.True(higherIsBetter ? weighted > unweighted : weighted < unweighted,
            $"{metric}: weighted {weighted:F4}, unweighted {unweighted:F4}");
    }
}
