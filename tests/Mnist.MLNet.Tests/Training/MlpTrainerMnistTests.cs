using System.Diagnostics;
using System.Globalization;

namespace Mnist.MLNet.Tests.Training;

[Collection(LibTorchCollection.Name)]
public class MlpTrainerMnistTests(TrainedMnistModel trained) : IClassFixture<TrainedMnistModel>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mnist-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Evaluate_Defaults3Epochs_MicroAccuracyAtLeast0975()
    {
        var metrics = trained.MLContext.MulticlassClassification.Evaluate(trained.Model.Transform(trained.Test));
        Assert.True(metrics.MicroAccuracy >= 0.975, $"micro-accuracy {metrics.MicroAccuracy:F4}");
        Assert.Equal(10, metrics.ConfusionMatrix.NumberOfClasses);
        Assert.InRange(metrics.LogLoss, 0, 0.1);
    }

    [Fact]
    public void Fit_Pipeline_PredictedLabelMapsBackToDigits()
    {
        var scored = trained.Model.Transform(trained.Test);
        var predicted = scored.GetColumn<uint>("PredictedLabel").Take(5).ToArray();
        // The test set's first digits are 7 2 1 0 4; a trained model reads them correctly.
        Assert.Equal([7u, 2u, 1u, 0u, 4u], predicted);
        var history = ((IEnumerable<ITransformer>)trained.Model).OfType<MlpTransformer>().Single().History;
        Assert.Equal([1, 2, 3], history.Select(h => h.Epoch));
        Assert.True(history[2].TrainLoss < history[0].TrainLoss);
    }

    [Fact]
    public void SaveLoad_FreshContext_PredictionEngineEqualsInMemoryOnAllTestImages()
    {
        var path = Path.Combine(_directory, "mnist-model.zip");
        trained.MLContext.Model.Save(trained.Model, trained.Train.Schema, path);

        var inMemory = trained.Model.Transform(trained.Test);
        var expectedLabels = inMemory.GetColumn<uint>("PredictedLabel").ToArray();
        var expectedScores = inMemory.GetColumn<float[]>("Score").ToArray();

        var fresh = new MLContext();
        var loaded = fresh.Model.Load(path, out var inputSchema);
        Assert.Equal(784, ((VectorDataViewType)inputSchema["Features"].Type).Size);
        using var engine = fresh.Model.CreatePredictionEngine<MnistImage, MnistPrediction>(loaded);
        var digits = fresh.Data.CreateEnumerable<MnistImage>(trained.Test, reuseRowObject: false).ToArray();
        Assert.Equal(10000, digits.Length);
        int correctLoaded = 0, correctInMemory = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            var p = engine.Predict(digits[i]);
            Assert.Equal(expectedLabels[i], p.PredictedLabel);
            for (int c = 0; c < 10; c++) Assert.Equal(expectedScores[i][c], p.Score[c], 1e-6f);
            if (p.PredictedLabel == digits[i].Label) correctLoaded++;
            if (expectedLabels[i] == digits[i].Label) correctInMemory++;
        }
        Assert.Equal(correctInMemory, correctLoaded);

        var reloadedMetrics = fresh.MulticlassClassification.Evaluate(loaded.Transform(trained.Test));
        Assert.Equal((double)correctInMemory / digits.Length, reloadedMetrics.MicroAccuracy, 12);
    }

    [Fact]
    public void SavedZip_SeparateProcess_ScoresWithOnnxRuntimeAndNoLibtorch()
    {
        var path = Path.Combine(_directory, "mnist-model.zip");
        trained.MLContext.Model.Save(trained.Model, trained.Train.Schema, path);
        var expected = trained.Model.Transform(trained.Test).GetColumn<uint>("PredictedLabel").ToArray();
        var expectedScores = trained.Model.Transform(trained.Test).GetColumn<float[]>("Score").ToArray();
        var tsv = Path.Combine(_directory, "predictions.tsv");

        var app = Path.Combine(AppContext.BaseDirectory.Replace("Mnist.MLNet.Tests", "Mnist.ScoringApp"), "Mnist.ScoringApp.dll");
        Assert.True(File.Exists(app), $"scoring app not built at {app}");
        var start = new ProcessStartInfo("dotnet", [app, path, MnistFixture.Directory, tsv]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "scoring app did not finish");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {stderr}");

        var lines = File.ReadAllLines(tsv);
        Assert.Equal(10000, lines.Length);
        Assert.Equal(expected, lines.Select(l => uint.Parse(l.Split('\t')[0], CultureInfo.InvariantCulture)));
        for (int i = 0; i < lines.Length; i++)
        {
            var scores = lines[i].Split('\t').Skip(1).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(10, scores.Length);
            for (int c = 0; c < 10; c++) Assert.Equal(expectedScores[i][c], scores[c], 1e-6f);
        }
        // The app ships the scoring assembly only; ML.NET loads it from the saved chain, and nothing else of ours.
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(app)!, "Mnist.MLNet.dll")), "the scoring app must not ship the trainer");
        Assert.Contains("Mnist assemblies loaded before Model.Load: none", stdout);
        Assert.Contains("Mnist assemblies loaded after scoring: Mnist.MLNet.Scoring", stdout);
        Assert.Contains("loaded libonnxruntime.so", stdout);
        Assert.DoesNotContain("torch", stdout);
        Assert.DoesNotContain("Skia", stdout);
    }

    [Fact]
    public void Fit_SameSeedAndThreads_IdenticalProbabilities_OtherSeedDiffers()
    {
        var ml = new MLContext(seed: 3);
        var small = ml.Data.TakeRows(trained.Train, 4000);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(small);
        var data = keyed.Transform(small);
        var test = keyed.Transform(ml.Data.TakeRows(trained.Test, 500));
        float[][] Scores(int seed) => new MlpTrainer(ml, new MlpTrainer.Options { MaxEpoch = 2, Seed = seed, NumberOfThreads = 2 })
            .Fit(data).Transform(test).GetColumn<float[]>("Score").ToArray();

        var first = Scores(11);
        var again = Scores(11);
        var other = Scores(12);
        Assert.Equal(first.SelectMany(s => s), again.SelectMany(s => s));
        Assert.NotEqual(first.SelectMany(s => s), other.SelectMany(s => s));
    }

    [Fact]
    public void Fit_ValidationSetOfRawLabels_ReportsValidationFiguresPerEpoch()
    {
        var ml = new MLContext(seed: 3);
        var small = ml.Data.TakeRows(trained.Train, 3000);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(small).Transform(small);
        var epochs = new List<EpochMetrics>();
        var progress = new SynchronousProgress<TrainingProgress>(p => { if (p.Completed is { } e) epochs.Add(e); });
        var model = new MlpTrainer(ml, new MlpTrainer.Options { MaxEpoch = 2, Seed = 1, ValidationSet = ml.Data.TakeRows(trained.Test, 1000) }, progress)
            .Fit(keyed);
        Assert.Equal(2, epochs.Count);
        Assert.All(epochs, e => Assert.InRange(e.ValidationAccuracy!.Value, 0.8, 1.0));
        Assert.Equal(epochs, model.History);
    }

    [Fact]
    public void Catalog_Mlp_TrainsLikeTheConstructor()
    {
        var ml = new MLContext(seed: 3);
        var small = ml.Data.TakeRows(trained.Train, 3000);
        var trainer = ml.MulticlassClassification.Trainers.Mlp(maxEpoch: 2);
        Assert.Equal(2, trainer.TrainerOptions.MaxEpoch);
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(trainer).Fit(small);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(ml.Data.TakeRows(trained.Test, 1000)));
        Assert.InRange(metrics.MicroAccuracy, 0.8, 1.0);
    }
}
