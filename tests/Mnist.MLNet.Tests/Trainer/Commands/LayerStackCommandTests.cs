using System.Globalization;
using System.Text.Json;
using Mnist.MLNet.Evaluation;
using Mnist.Trainer;
using SkiaSharp;

namespace Mnist.MLNet.Tests.Trainer.Commands;

/// <summary><c>mnist predict</c>, <c>evaluate</c>, <c>export</c> and <c>info</c> on a saved convolutional stack.</summary>
[Collection(LibTorchCollection.Name)]
public class LayerStackCommandTests(SavedConvModel saved) : IClassFixture<SavedConvModel>
{
    private static string TestImages => Path.Combine(MnistFixture.Directory, "t10k-images-idx3-ubyte.gz");

    [Fact]
    public async Task Predict_IdxAndPngs_PredictAsTheFittedStack()
    {
        using var dir = new TempDirectory();
        var pictures = Directory.CreateDirectory(dir.Combine("pictures")).FullName;
        var features = saved.Test.GetColumn<float[]>("Features").Take(20).ToArray();
        for (int i = 0; i < features.Length; i++) SavePng(features[i], Path.Combine(pictures, $"{i:D2}.png"));

        var idx = await CliRun.RunAsync(["predict", "--model", saved.Path, TestImages, "--out", dir.Combine("idx.csv")]);
        var png = await CliRun.RunAsync(["predict", "--model", saved.Path, pictures, "--out", dir.Combine("png.csv")]);

        Assert.True(idx.Exit == ExitCodes.Ok, idx.Output);
        Assert.True(png.Exit == ExitCodes.Ok, png.Output);
        var idxRows = ReadCsv(dir.Combine("idx.csv"));
        Assert.Equal(10000, idxRows.Length);
        Assert.Equal(saved.TestPredictions, idxRows.Take(saved.TestPredictions.Length).Select(r => uint.Parse(r[2], CultureInfo.InvariantCulture)));
        var pngRows = ReadCsv(dir.Combine("png.csv")).OrderBy(r => r[0], StringComparer.Ordinal).ToArray();
        Assert.Equal(features.Length, pngRows.Length);
        for (int i = 0; i < features.Length; i++)
        {
            Assert.Equal(saved.TestPredictions[i], uint.Parse(pngRows[i][2], CultureInfo.InvariantCulture));
            Assert.Equal(saved.TestScores[i].Max(), float.Parse(pngRows[i][3], CultureInfo.InvariantCulture), 1e-5f);
        }
    }

    [Fact]
    public async Task Evaluate_ConvStack_ReportsTheFittedStacksAccuracy()
    {
        using var dir = new TempDirectory();
        var expected = MnistEvaluator.Evaluate(saved.MLContext, saved.Model, saved.MLContext.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test));

        var run = await CliRun.RunAsync(["evaluate", "--model", saved.Path, "--data", MnistFixture.Directory, "--metrics", dir.Combine("e.json")]);

        Assert.True(run.Exit == ExitCodes.Ok, run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.Combine("e.json")));
        Assert.Equal(expected.TestAccuracy, json.RootElement.GetProperty("testAccuracy").GetDouble(), 12);
        Assert.True(expected.TestAccuracy > 0.5, $"accuracy {expected.TestAccuracy} (chance: 10%)");
    }

    [Fact]
    public async Task ExportAndInfo_ConvStack_WriteBothFormatsAndShowTheLayers()
    {
        using var dir = new TempDirectory();

        var export = await CliRun.RunAsync(["export", "--model", saved.Path, "--onnx", dir.Combine("m.onnx"), "--pytorch", dir.Combine("m.pt")]);
        var info = await CliRun.RunAsync(["info", "--model", saved.Path]);

        Assert.True(export.Exit == ExitCodes.Ok, export.Output);
        Assert.True(new FileInfo(dir.Combine("m.onnx")).Length > 1000);
        Assert.True(new FileInfo(dir.Combine("m.pt")).Length > 1000);
        Assert.True(info.Exit == ExitCodes.Ok, info.Output);
        // The table wraps long cells: read it without its borders and spaces.
        var cells = string.Concat(info.Output.Where(c => !char.IsWhiteSpace(c) && c != '│'));
        Assert.Contains("Networklayerstackconv4k3,bn,pool2,drop0.1,conv8k3,pool2,flatten,dense16,dense10:linear", cells);
    }

    private static string[][] ReadCsv(string path) => File.ReadLines(path).Skip(1).Select(l => l.Split(',')).ToArray();

    private static void SavePng(float[] features, string path)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = features.Select(v => (byte)Math.Round(v * 255)).ToArray();
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
