using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mnist.MLNet.Scoring.Tabular;
using Mnist.MLNet.Tabular;
using Mnist.MLNet.Tests.Tabular;
using Mnist.Trainer;
using Mnist.Trainer.Commands;

namespace Mnist.MLNet.Tests.Trainer.Commands;

/// <summary><c>mnist train --csv</c>, then <c>info</c>, <c>evaluate --csv</c> and <c>predict</c> on the saved model, as
/// a user runs them; and each bad input as one line and an exit code.</summary>
[Collection(LibTorchCollection.Name)]
public class CsvCommandTests
{
    private static readonly string[] Small = ["--hidden", "32", "--epochs", "30", "--batch-size", "16", "--lr", "0.01", "--seed", "1"];

    [Fact]
    public async Task TrainInfoEvaluatePredict_MixedCsv_ReportTheLibrarysMetricsAndPredictEveryRow()
    {
        using var dir = new TempDirectory();
        var csv = CsvFiles.Customers(dir);
        var model = dir.Combine("model.zip");
        var metricsPath = dir.Combine("metrics.json");
        var train = new CapturedConsole();

        int exit = await Program.RunAsync(["train", "--csv", csv, "--label", "plan", "--out", model, "--metrics", metricsPath, .. Small], train.Console);

        Assert.True(exit == ExitCodes.Ok, train.Output);
        Assert.Contains("Features: age (number, missing values replaced, with an indicator), city (category: ", train.Output);
        Assert.Contains("Left out: id (", train.Output);
        Assert.Contains("Task: multiclass on 'plan' (3 classes: ", train.Output);
        Assert.Contains("epoch 30/30: train loss", train.Output);

        // The reported test accuracy is what ML.NET's evaluator gives on the library's split with the same seed.
        var ml = new MLContext();
        var table = CsvTable.Read(csv);
        var schema = ColumnInference.Infer(table, "plan");
        var test = TabularTraining.Split(ml, TabularRows.FromCsv(table, schema.Features, schema.Label), TabularTraining.Defaults.TestFraction, seed: 1).TestSet;
        var expected = TabularEvaluator.Evaluate(ml, ml.Model.Load(model, out _), test);
        Assert.Contains(FormattableString.Invariant($"Test accuracy: {expected["accuracy"]:F4}"), train.Output);
        using (var json = JsonDocument.Parse(File.ReadAllText(metricsPath)))
            Assert.Equal(expected["accuracy"], json.RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble());

        var card = ModelCard.Read(model);
        Assert.Equal(schema.Features.Select(c => (c.Name, c.Kind)), card.InputColumns!.Select(c => (c.Name, c.Kind)));
        Assert.Equal(schema.Features[1].Categories, card.InputColumns![1].Categories);
        Assert.Equal("plan", card.LabelColumnName);
        Assert.Equal(schema.Label.Categories, card.ClassLabels);
        var info = new CapturedConsole();
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["info", "--model", model], info.Console));
        Assert.Contains("member (boolean)", info.Output);
        Assert.Contains("multiclass", info.Output);

        var evaluate = new CapturedConsole();
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["evaluate", "--model", model, "--csv", csv], evaluate.Console));
        Assert.Contains("Test rows: 300", evaluate.Output);

        var predictions = dir.Combine("predictions.csv");
        var predict = new CapturedConsole();
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["predict", "--model", model, csv, "--out", predictions], predict.Console));
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("line,id,age,city,member,plan,predicted,p_" + string.Join(",p_", card.ClassLabels), lines[0]);
        Assert.Equal(301, lines.Length);
        Assert.StartsWith("2,c0000,", lines[1]);
        int correct = lines.Skip(1).Select(l => l.Split(',')).Count(f => f[5] == f[6]);
        Assert.True(correct >= 0.85 * 300, $"{correct} of 300 predicted right");
        using var loaded = TabularModel.Load(model);
        var probabilities = loaded.Predict(table).Select(p => p.Probabilities![card.ClassLabels[0]].ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal(probabilities, lines.Skip(1).Select(l => l.Split(',')[7]));
    }

    [Fact]
    public async Task TrainInfoPredict_Quantiles_CardSaysWhichAndTheScoringPackageScoresTheFoldedModel()
    {
        using var dir = new TempDirectory();
        var csv = dir.Combine("skewed.csv");
        var random = new Random(1);
        File.WriteAllLines(csv, ["income,noise,rich", .. Enumerable.Range(0, 200).Select(_ =>
        {
            double income = Math.Exp(3 * (random.NextDouble() * 2 - 1) * (random.NextDouble() * 2 - 1));
            return FormattableString.Invariant($"{income:R},{random.NextDouble():R},{(income > 1.5 ? "yes" : "no")}");
        })]);
        var model = dir.Combine("model.zip");
        var train = new CapturedConsole();

        int exit = await Program.RunAsync(["train", "--csv", csv, "--label", "rich", "--out", model, "--quantiles", "true", .. Small], train.Console);

        Assert.True(exit == ExitCodes.Ok, train.Output);
        Assert.Equal("1 of 2 features", ModelCard.Read(model).TrainingOptions["QuantileFeatures"]);
        var info = new CapturedConsole();
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["info", "--model", model], info.Console));
        var cells = System.Text.RegularExpressions.Regex.Replace(info.Output, @"[│\s]+", " ");   // the table may wrap a cell
        Assert.Contains("MLP, hidden layers 32, quantile inputs", cells);
        Assert.Contains("QuantileFeatures 1 of 2 features", cells);
        using var loaded = TabularModel.Load(model);
        var predictions = loaded.Predict(CsvTable.Read(csv)).ToList();
        var truth = File.ReadLines(csv).Skip(1).Select(l => l.EndsWith("yes", StringComparison.Ordinal)).ToList();
        int correct = predictions.Zip(truth).Count(p => (p.First.Label == "yes") == p.Second);
        Assert.True(correct >= 0.9 * truth.Count, $"{correct} of {truth.Count} predicted right");
    }

    [Fact]
    public async Task Train_NumericLabelWithoutTask_OneLineSayingHowToChoose()
    {
        using var dir = new TempDirectory();
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["train", "--csv", ShippedData.Diabetes, "--label", "target", "--out", dir.Combine("m.zip")], console.Console);

        Assert.Equal(ExitCodes.BadArguments, exit);
        var line = Assert.Single(console.Lines);
        Assert.StartsWith("error: label column 'target' holds numbers", line);
        Assert.EndsWith("Choose the task: --task multiclass or --task regression", line);
        Assert.False(File.Exists(dir.Combine("m.zip")));
    }

    [Fact]
    public void Resolve_CsvWithoutRecipe_TakesTheLibrarysDefaultsWhereMnistKeepsTheTutorial()
    {
        static MlpTrainer.Options Trainer(params string[] line) =>
            TrainCommand.Resolve(new RootCommand { TrainCommand.Create(new CapturedConsole().Console) }.Parse(["train", .. line])).Trainer;

        var csv = Trainer("--csv", "data.csv", "--label", "y");
        var tutorial = Trainer("--csv", "data.csv", "--label", "y", "--recipe", "tutorial");
        var mnist = Trainer();

        Assert.Equal(MlpTrainerOptions.AutoMaxEpoch, csv.MaxEpoch);
        Assert.Null(csv.HiddenLayers);
        Assert.Equal(MlpTrainerOptions.AutoBatchSize, csv.BatchSize);
        Assert.Equal(MlpTrainer.Defaults.TutorialMaxEpoch, tutorial.MaxEpoch);
        Assert.Equal(MlpTrainer.Defaults.TutorialMaxEpoch, mnist.MaxEpoch);
        Assert.Equal(MlpTrainer.Defaults.TutorialBatchSize, mnist.BatchSize);
    }

    [Theory]
    [InlineData("age,city,member\n31,Oslo,true\nold,Lima,false\n", "line 3, column 'age': 'old' is not a number")]
    [InlineData("age,member\n31,true\n", "column 'city': no such column; the header has age, member")]
    [InlineData("age,city,member\n31,Oslo,\"yes\n", "line 2: a quoted field is not closed")]
    public async Task Predict_BadCsv_OneLineNamingFileRowAndColumnExit1(string content, string problem)
    {
        using var dir = new TempDirectory();
        var model = dir.Combine("model.zip");
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(
            ["train", "--csv", CsvFiles.Customers(dir, rows: 60), "--label", "plan", "--out", model, "--epochs", "1", "--hidden", "8", "--seed", "1"],
            new CapturedConsole().Console));
        var bad = dir.Combine("bad.csv");
        File.WriteAllText(bad, content);
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["predict", "--model", model, bad], console.Console);

        Assert.Equal(ExitCodes.Error, exit);
        var line = Assert.Single(console.Lines);
        Assert.True(line.StartsWith($"error: {bad}: {problem}", StringComparison.Ordinal), line);
    }

    [Theory]
    [InlineData("--label", "plan", "--label needs --csv FILE")]
    [InlineData("--task", "binary", "--task needs --csv FILE")]
    public async Task Train_TableFlagWithoutCsv_UsageError(string flag, string value, string message)
    {
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["train", flag, value], console.Console);

        Assert.Equal(ExitCodes.BadArguments, exit);
        Assert.Contains(message, console.Output);
    }
}
