using System.Globalization;
using System.Text.Json;
using Mnist.Trainer;
using Mnist.Trainer.Commands;
using Mnist.Trainer.Plots;
using SkiaSharp;

namespace Mnist.MLNet.Tests.Trainer.Commands;

[Collection(LibTorchCollection.Name)]
public class TrainCommandTests(TrainedCliRun run) : IClassFixture<TrainedCliRun>
{
    [Fact]
    public void Train_OneEpoch_ExitsZeroAndSavesAModelThatLoadsInAFreshContext()
    {
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Output);
        var fresh = new MLContext();
        var model = fresh.Model.Load(run.ModelPath, out var schema);
        Assert.NotNull(schema.GetColumnOrNull("Features"));
        var scored = model.Transform(fresh.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test));
        Assert.Equal([7u, 2u, 1u, 0u, 4u], scored.GetColumn<uint>("PredictedLabel").Take(5));
        Assert.DoesNotContain(Directory.GetFiles(run.Directory), f => f.EndsWith(".tmp"));
        Assert.False(Directory.Exists(TrainCommand.DefaultCheckpointDirectory(run.ModelPath)), "the default checkpoint is removed after success");
    }

    [Fact]
    public void Train_OneEpoch_WritesMetricsJsonWithTheDocumentedFields()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(run.MetricsPath));
        var root = json.RootElement;
        Assert.True(root.GetProperty("testAccuracy").GetDouble() >= 0.95, root.GetProperty("testAccuracy").ToString());
        Assert.InRange(root.GetProperty("testLogLoss").GetDouble(), 0, 0.3);
        Assert.InRange(root.GetProperty("macroAccuracy").GetDouble(), 0.9, 1);
        Assert.True(root.GetProperty("trainSeconds").GetDouble() > 0);
        var matrix = root.GetProperty("confusionMatrix").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt64()).ToArray()).ToArray();
        Assert.Equal(10, matrix.Length);
        Assert.All(matrix, row => Assert.Equal(10, row.Length));
        Assert.Equal(10000, matrix.Sum(r => r.Sum()));
        Assert.Equal(root.GetProperty("testAccuracy").GetDouble(), Enumerable.Range(0, 10).Sum(i => matrix[i][i]) / 10000.0, 9);
        Assert.Equal(980, matrix[0].Sum());   // rows are true classes in digit order: the test split has 980 zeros

        var epoch = Assert.Single(root.GetProperty("epochs").EnumerateArray());
        Assert.Equal(1, epoch.GetProperty("epoch").GetInt32());
        foreach (var name in new[] { "trainLoss", "trainAccuracy", "seconds", "samplesPerSecond" })
            Assert.True(epoch.GetProperty(name).GetDouble() > 0, name);
        var perClass = root.GetProperty("perClass").EnumerateArray().ToArray();
        Assert.Equal(10, perClass.Length);
        Assert.All(perClass, c => Assert.InRange(c.GetProperty("f1").GetDouble(), 0.8, 1));

        var wrong = root.GetProperty("misclassified").EnumerateArray().ToArray();
        Assert.NotEmpty(wrong);
        Assert.All(wrong, w =>
        {
            Assert.NotEqual(w.GetProperty("trueLabel").GetInt32(), w.GetProperty("predictedLabel").GetInt32());
            Assert.Equal(784, w.GetProperty("pixels").GetArrayLength());
            Assert.InRange(w.GetProperty("index").GetInt32(), 0, 9999);
        });
        var probabilities = wrong.Select(w => w.GetProperty("probability").GetDouble()).ToArray();
        Assert.Equal(probabilities.OrderByDescending(p => p), probabilities);
    }

    [Fact]
    public void Train_WithPlots_WritesThreeNonBlankPngsOfTheDocumentedSize()
    {
        AssertPng(run.PlotDirectory, LearningCurvesPlot.Png);
        AssertPng(run.PlotDirectory, ConfusionMatrixPlot.Png);
        AssertPng(run.PlotDirectory, MisclassifiedPlot.Png);
    }

    [Fact]
    public async Task Evaluate_TrainedModel_PrintsTheAccuracyOfTheMetricsFile()
    {
        var console = new CapturedConsole();
        using var dir = new TempDirectory();

        int exit = await Program.RunAsync(["evaluate", "--model", run.ModelPath, "--data", MnistFixture.Directory,
            "--metrics", dir.Combine("e.json")], console.Console);

        Assert.True(exit == ExitCodes.Ok, console.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(run.MetricsPath));
        double accuracy = json.RootElement.GetProperty("testAccuracy").GetDouble();
        Assert.Contains($"Test accuracy:  {accuracy.ToString("F4", CultureInfo.InvariantCulture)}", console.Output);
        Assert.Contains("Confusion matrix", console.Output);
        Assert.Contains("Precision", console.Output);
        using var evaluated = JsonDocument.Parse(File.ReadAllText(dir.Combine("e.json")));
        Assert.Equal(accuracy, evaluated.RootElement.GetProperty("testAccuracy").GetDouble(), 12);
        Assert.False(evaluated.RootElement.TryGetProperty("epochs", out _));
    }

    [Fact]
    public async Task Evaluate_Json_PrintsParsableJson()
    {
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["evaluate", "--model", run.ModelPath, "--data", MnistFixture.Directory, "--json"], console.Console);

        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(console.Output);
        Assert.Equal(10, json.RootElement.GetProperty("confusionMatrix").GetArrayLength());
    }

    [Fact]
    public async Task Plot_MetricsFile_RedrawsThePlots()
    {
        var console = new CapturedConsole();
        using var dir = new TempDirectory();

        int exit = await Program.RunAsync(["plot", "--metrics", run.MetricsPath, "--out", dir.Path], console.Console);

        Assert.True(exit == ExitCodes.Ok, console.Output);
        AssertPng(dir.Path, LearningCurvesPlot.Png);
        AssertPng(dir.Path, ConfusionMatrixPlot.Png);
        AssertPng(dir.Path, MisclassifiedPlot.Png);
    }

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--hidden", "512,x")]
    [InlineData("--optimizer", "foo")]
    [InlineData("--validation-fraction", "1")]
    [InlineData("--lr", "-1")]
    [InlineData("--patience", "2")]
    public async Task Train_BadArgument_ExitsTwoWithOneLine(string option, string value)
    {
        var run = await CliRun.RunAsync(["train", option, value]);

        var line = run.SingleLine(ExitCodes.BadArguments);
        Assert.StartsWith("error: ", line);
        Assert.Contains(option, line);
    }

    [Fact]
    public async Task Train_CancelledMidEpoch_ExitsWithCheckpointAndResumeCommandThatFinishes()
    {
        using var dir = new TempDirectory();
        using var cts = new CancellationTokenSource();
        var console = new CapturedConsole();
        var observer = new SynchronousProgress<TrainingProgress>(p => { if (p.Epoch == 1 && p.Batch == 300) cts.Cancel(); });
        var root = new System.CommandLine.RootCommand { TrainCommand.Create(console.Console, observer) };

        int exit = await root.Parse(["train", "--epochs", "1", "--data", MnistFixture.Directory, "--out", dir.Combine("m.zip")])
            .InvokeAsync(cancellationToken: cts.Token);

        Assert.True(exit == ExitCodes.Cancelled, console.Output);
        Assert.True(File.Exists(Path.Combine(TrainCommand.DefaultCheckpointDirectory(dir.Combine("m.zip")), "checkpoint.zip")), console.Output);
        Assert.False(File.Exists(dir.Combine("m.zip")));
        Assert.Contains("epoch 1 after batch 300", console.Output);
        // The tests run mnist.dll through the dotnet muxer, so the line starts as that process did: dotnet <path>/mnist.dll.
        var resume = console.Lines.Single(l => l.EndsWith(" --resume"));
        Assert.StartsWith($"dotnet {Path.Combine(AppContext.BaseDirectory, "mnist.dll")} train ", resume);

        var resumed = new CapturedConsole();
        exit = await Program.RunAsync(resume.Split(' ')[2..], resumed.Console);

        Assert.True(exit == ExitCodes.Ok, resumed.Output);
        Assert.True(File.Exists(dir.Combine("m.zip")));
        Assert.Contains("epoch 1/1:", resumed.Output);
    }

    [Fact]
    public void Create_EveryOption_HasADescription()
    {
        foreach (var command in new[] { TrainCommand.Create(new CapturedConsole().Console), EvaluateCommand.Create(new CapturedConsole().Console),
                     PlotCommand.Create(new CapturedConsole().Console) })
            Assert.All(command.Options, o => Assert.False(string.IsNullOrWhiteSpace(o.Description), $"{command.Name} {o.Name}"));
    }

    private static void AssertPng(string directory, PlotFile png)
    {
        var path = Path.Combine(directory, png.FileName);
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal((png.Width, png.Height), (bitmap.Width, bitmap.Height));
        var background = bitmap.GetPixel(0, 0);
        int drawn = 0, total = 0;
        for (int y = 0; y < bitmap.Height; y += 4)
            for (int x = 0; x < bitmap.Width; x += 4, total++)
                if (bitmap.GetPixel(x, y) != background) drawn++;
        // One epoch draws a single point per curve, so the learning curves are mostly axes and grid: 2% is still far from blank.
        Assert.True(drawn > total / 50, $"{Path.GetFileName(path)}: only {drawn} of {total} sampled pixels differ from the background");
    }
}
