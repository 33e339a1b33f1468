using Mnist.MLNet.Scoring.Tabular;
using Mnist.MLNet.Tabular;
using Mnist.MLNet.Tests.Reliability;
using Xunit.Abstractions;

namespace Mnist.MLNet.Tests.Tabular;

[Collection(LibTorchCollection.Name)]
public class TabularTrainingTests(ITestOutputHelper output)
{
    private static MlpTrainer.Options Small(int epochs = 30) => new()
    {
        HiddenLayers = [32], MaxEpoch = epochs, BatchSize = 16, LearningRate = 1e-2, Seed = 1,
    };

    [Fact]
    public async Task RunAsync_MixedCsv_LearnsAndSavesAModelThatScoresAfterLoading()
    {
        using var dir = new TempDirectory();
        var options = new TabularTraining.Options
        {
            CsvPath = CsvFiles.Customers(dir), LabelColumnName = "plan", Trainer = Small(), ModelPath = dir.Combine("model.zip"),
        };

        var result = await TabularTraining.RunAsync(options);

        output.WriteLine(result.Metrics.ToJson());
        Assert.Equal(MlpTask.MulticlassClassification, result.Metrics.Task);
        Assert.True(result.Metrics["accuracy"] > 0.85, $"accuracy {result.Metrics["accuracy"]:F3}");
        Assert.InRange(result.Metrics.Rows, 40, 80);

        // A fresh context loads the zip and scores the same rows to the same probabilities and labels.
        var ml = new MLContext();
        var loaded = ml.Model.Load(options.ModelPath, out var inputSchema);
        Assert.Equal(new[] { "age", "city", "member", "plan" }, inputSchema.Select(c => c.Name));
        var fresh = loaded.Transform(result.Test);
        var original = result.Model.Transform(result.Test);
        Assert.Equal(original.GetColumn<string>("PredictedLabel"), fresh.GetColumn<string>("PredictedLabel"));
        Assert.Equal(original.GetColumn<float[]>("Score").SelectMany(s => s), fresh.GetColumn<float[]>("Score").SelectMany(s => s));
        Assert.Equal(result.Metrics.Values, TabularEvaluator.Evaluate(ml, loaded, result.Test).Values);
    }

    [Fact]
    public async Task Model_UnseenCategoryAndMissingAge_StillPredicts()
    {
        using var dir = new TempDirectory();
        var options = new TabularTraining.Options { CsvPath = CsvFiles.Customers(dir), LabelColumnName = "plan", Trainer = Small(10) };
        var result = await TabularTraining.RunAsync(options);
        var rows = System.Text.Json.JsonDocument.Parse("""[{"age": null, "city": "Tokyo", "member": true}, {"age": 70, "city": "Paris", "member": false}]""")
            .RootElement.EnumerateArray().ToArray();

        var scored = result.Model.Transform(TabularRows.FromJson(rows, result.Schema.Features));

        var labels = scored.GetColumn<string>("PredictedLabel").ToArray();
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        Assert.All(labels, l => Assert.Contains(l, result.Schema.Label.Categories!));
        Assert.All(scores, s => Assert.Equal(1.0, s.Sum(), 3));
        Assert.Equal("premium", labels[1]);
    }

    [Fact]
    public async Task RunAsync_BooleanLabel_TrainsBinaryWithProbability()
    {
        using var dir = new TempDirectory();
        var lines = Enumerable.Range(0, 200).Select(i => $"{i % 10},{(i * 7) % 13},{(i % 10 + (i * 7) % 13 > 10 ? "TRUE" : "FALSE")}");
        var path = CsvFiles.Write(dir, "b.csv", [.. lines.Prepend("a,b,big")]);

        var result = await TabularTraining.RunAsync(new TabularTraining.Options { CsvPath = path, LabelColumnName = "big", Trainer = Small() });

        Assert.Equal(MlpTask.BinaryClassification, result.Schema.Task);
        Assert.True(result.Metrics["AUC"] > 0.95, $"AUC {result.Metrics["AUC"]:F3}");
        Assert.All(result.Model.Transform(result.Test).GetColumn<float>("Probability"), p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public async Task RunAsync_NumericMulticlassLabel_CardRecordsSingleAndPredictsNumbers()
    {
        using var dir = new TempDirectory();
        // Classes written 1, 2.0 and 3: one class per band of x, spelt unevenly as spreadsheets do.
        var lines = Enumerable.Range(0, 240).Select(i => $"{i % 30},{((i % 30) / 10) switch { 0 => "1", 1 => "2.0", _ => "3" }}");
        var path = CsvFiles.Write(dir, "bands.csv", [.. lines.Prepend("x,band")]);
        var model = dir.Combine("model.zip");

        var result = await TabularTraining.RunAsync(new TabularTraining.Options
        {
            CsvPath = path, LabelColumnName = "band", Task = MlpTask.MulticlassClassification, Trainer = Small(), ModelPath = model,
        });

        var card = ModelCard.Read(model);
        Assert.Equal("Single", card.LabelType);
        Assert.Equal(["1", "2", "3"], card.ClassLabels);
        Assert.Equal(InputColumnKind.Number, TabularModel.LabelOf(card).Kind);
        Assert.True(result.Metrics["accuracy"] > 0.8, $"accuracy {result.Metrics["accuracy"]:F3}");
        using var loaded = TabularModel.Load(model);
        var predictions = loaded.Predict(CsvTable.Read(path));
        Assert.All(predictions, p => Assert.Contains(p.Label, card.ClassLabels));
        // Evaluating the saved model on the file reads the label as numbers too.
        var all = TabularEvaluator.Evaluate(model, path);
        Assert.Equal(240, all.Rows);
        Assert.True(all["accuracy"] > 0.8, $"accuracy {all["accuracy"]:F3}");
    }

    [Fact]
    public async Task RunAsync_DiabetesAsRegression_ExplainsSomeVariance()
    {
        var result = await TabularTraining.RunAsync(new TabularTraining.Options
        {
            CsvPath = ShippedData.Diabetes, LabelColumnName = "target", Task = MlpTask.Regression,
            Trainer = new MlpTrainer.Options { HiddenLayers = [32], MaxEpoch = 30, BatchSize = 16, LearningRate = 1e-3, Seed = 1 },
        });

        output.WriteLine(result.Metrics.ToJson());
        Assert.Equal(MlpTask.Regression, result.Metrics.Task);
        // Linear models reach R² of about 0.45 on this data set.
        Assert.True(result.Metrics["R-squared"] > 0.3, $"R² {result.Metrics["R-squared"]:F3}");
    }

    [Fact]
    public async Task SavedModel_ScoringAppWithoutTrainer_PredictsTheSameWithoutLibTorch()
    {
        using var dir = new TempDirectory();
        var csv = CsvFiles.Customers(dir, rows: 120);
        var options = new TabularTraining.Options { CsvPath = csv, LabelColumnName = "plan", Trainer = Small(5), ModelPath = dir.Combine("model.zip") };
        await TabularTraining.RunAsync(options);
        var expected = new StringWriter();
        using (var model = TabularModel.Load(options.ModelPath))
        {
            var table = CsvTable.Read(csv);
            PredictionsCsv.Write(expected, table, model.Predict(table), model.Card);
        }
        var outPath = dir.Combine("predictions.csv");

        using var app = ChildProcess.Start(BuiltPrograms.ScoringApp, "table", options.ModelPath, csv, outPath);
        var (exit, log) = await ChildProcess.WaitAsync(app, TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, log);
        Assert.Equal(expected.ToString(), File.ReadAllText(outPath));
        Assert.Contains("Mnist assemblies loaded after scoring: Mnist.MLNet.Scoring", log);
        Assert.DoesNotContain("torch", log);
    }
}
