using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mnist.Trainer;
using Xunit.Abstractions;

namespace Mnist.MLNet.Tests.Trainer.Commands;

[Collection(LibTorchCollection.Name)]
public class ExportCommandTests(SavedMnistModel saved, ITestOutputHelper output) : IClassFixture<SavedMnistModel>
{
    [Fact]
    public async Task Export_Onnx_InferenceSessionGivesModelProbabilitiesInDigitOrder()
    {
        using var dir = new TempDirectory();
        var onnx = dir.Combine("mlp.onnx");

        await ExportAsync("--onnx", onnx);

        var classifier = DigitClassifier.Load(saved.Path);
        var expected = classifier.Predict(Mnist.MLNet.Data.DigitInputs.ReadIdx(saved.TestImagesPath).Take(500).ToList());
        using var session = new InferenceSession(onnx);
        var input = new DenseTensor<float>(TestNetworks.TestFeatures.Take(500).SelectMany(f => f).ToArray(), [500, 784]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(MlpOnnxGraph.FeaturesName, input)]);
        var score = results.First(r => r.Name == MlpOnnxGraph.ScoreName).AsTensor<float>();
        var index = results.First(r => r.Name == MlpOnnxGraph.PredictedIndexName).AsTensor<long>();
        for (int r = 0; r < 500; r++)
        {
            for (int k = 0; k < 10; k++) Assert.Equal(expected[r].Probabilities[k], score[r, k], 1e-5);
            Assert.Equal(saved.TestPredictions[r], (uint)index[r]);
        }
    }

    [Fact]
    public async Task Export_PyTorch_ReadsBackIntoMlpModuleWithSameWeights()
    {
        using var dir = new TempDirectory();
        var pt = dir.Combine("mlp.pt");

        await ExportAsync("--pytorch", pt);

        var expected = DigitClassifier.Load(saved.Path).ClassOrderedWeights;
        var read = PyTorchExporter.Read(pt, expected);
        Assert.Equal(expected.Layers.Select(l => l.Weight), read.Layers.Select(l => l.Weight));
        Assert.Equal(expected.Layers.Select(l => l.Bias), read.Layers.Select(l => l.Bias));
        Assert.Equal(["mlp.pt"], dir.FileNames());
    }

    [Fact]
    public async Task Export_NeitherFormat_PrintsOneLineAndExitsTwo()
    {
        var run = await CliRun.RunAsync(["export", "--model", saved.Path]);

        Assert.Contains("--onnx", run.SingleLine(ExitCodes.BadArguments));
    }

    /// <summary>Runs tests/python/check_pytorch_export.py where Debian's python3 has torch (CI installs it);
    /// elsewhere it only reports that the check was not run.</summary>
    [Fact]
    public async Task Export_PythonCheck_PyTorchAndOnnxMatchDotNet()
    {
        if (!PythonCheck.CanRun(output, "torch, numpy")) return;
        using var dir = new TempDirectory();
        var (pt, onnx, expected) = (dir.Combine("mlp.pt"), dir.Combine("mlp.onnx"), dir.Combine("expected.csv"));
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["export", "--model", saved.Path, "--onnx", onnx, "--pytorch", pt], new CapturedConsole().Console));
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(
            ["predict", "--model", saved.Path, saved.TestImagesPath, "--all-probabilities", "--out", expected], new CapturedConsole().Console));

        PythonCheck.AssertPasses(output, 1, "check_pytorch_export.py", pt, onnx, MnistFixture.Directory, expected);
    }

    /// <summary>Runs tests/python/check_onnx_card.py where Debian's python3-onnx is installed (CI installs it);
    /// elsewhere it only reports that the check was not run.</summary>
    [Fact]
    public async Task Export_Onnx_PassesOnnxCheckerAndCarriesClassOrderedCard()
    {
        if (!PythonCheck.CanRun(output, "onnx")) return;
        using var dir = new TempDirectory();
        var (onnx, expected) = (dir.Combine("mlp.onnx"), dir.Combine("card.json"));
        await ExportAsync("--onnx", onnx);
        var card = DigitClassifier.Load(saved.Path).ClassOrderedCard;
        File.WriteAllText(expected, System.Text.Json.JsonSerializer.Serialize(card.ToMetadata()));

        PythonCheck.AssertPasses(output, 1, "check_onnx_card.py", onnx, expected);
        Assert.Equal(Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)), card.ClassLabels);
    }

    // mnist export of the saved model in one format, which must succeed.
    private async Task ExportAsync(string formatFlag, string path) =>
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["export", "--model", saved.Path, formatFlag, path], new CapturedConsole().Console));
}
