using System.Globalization;

namespace Mnist.MLNet.Tests.Training;

/// <summary>The README's tabular example as users write it: a CSV with a header and a 1/0 label, TextLoader,
/// Concatenate, NormalizeMeanVariance, the binary MLP, cross-validation.</summary>
[Collection(LibTorchCollection.Name)]
public class CsvPipelineTests
{
    private sealed class Patient
    {
        [LoadColumn(0)] public float Age { get; set; }
        [LoadColumn(1)] public float Bmi { get; set; }
        [LoadColumn(2)] public float Pressure { get; set; }
        [LoadColumn(3)] public bool Label { get; set; }
    }

    [Fact]
    public void CrossValidate_CsvThroughTextLoader_LearnsTheRule()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("patients.csv");
        var random = new Random(4);
        var lines = Enumerable.Range(0, 200).Select(_ =>
        {
            double age = 20 + 60 * random.NextDouble(), bmi = 18 + 20 * random.NextDouble(), pressure = 90 + 60 * random.NextDouble();
            bool label = (age - 50) * (bmi - 28) > 0;   // an XOR of two thresholds: no single line separates it
            return string.Create(CultureInfo.InvariantCulture, $"{age:F1},{bmi:F1},{pressure:F0},{(label ? 1 : 0)}");
        });
        File.WriteAllLines(path, lines.Prepend("age,bmi,pressure,label"));

        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromTextFile<Patient>(path, separatorChar: ',', hasHeader: true);
        var pipeline = mlContext.Transforms.Concatenate("Features", nameof(Patient.Age), nameof(Patient.Bmi), nameof(Patient.Pressure))
            .Append(mlContext.Transforms.NormalizeMeanVariance("Features"))
            .Append(mlContext.BinaryClassification.Trainers.Mlp(new BinaryMlpTrainer.Options
            {
                HiddenLayers = [32, 32], MaxEpoch = 60, BatchSize = 16, LearningRate = 1e-2, Seed = 1,
            }));
        var folds = mlContext.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 3);

        Assert.Equal(200, data.GetColumn<bool>("Label").Count());
        Assert.Contains(true, data.GetColumn<bool>("Label"));
        double auc = folds.Average(f => f.Metrics.AreaUnderRocCurve);
        Assert.True(auc >= 0.9, $"mean AUC {auc:F3}");
    }
}
