using System.Globalization;
using Mnist.Trainer;
using SkiaSharp;

namespace Mnist.MLNet.Tests.Trainer.Commands;

[Collection(LibTorchCollection.Name)]
public class PredictCommandTests(SavedMnistModel saved) : IClassFixture<SavedMnistModel>
{
    private const int Digits = 200;

    private sealed record Row(string Source, long Index, string Predicted, float Probability, string Top3, string[] Fields);

    [Fact]
    public async Task Predict_PngFolders_UnmodifiedMatchIdxScoringAndVariantsAtLeast95Percent()
    {
        using var dir = new TempDirectory();
        var folders = new[] { "plain", "large", "tall", "inverted", "rgb" }.ToDictionary(f => f, f => Directory.CreateDirectory(dir.Combine(f)).FullName);
        for (int i = 0; i < Digits; i++)
        {
            var pixels = TestNetworks.TestFeatures[i].Select(v => (byte)Math.Round(v * 255)).ToArray();
            var name = $"{i:D4}.png";
            using var plain = GreyBitmap(pixels);
            Save(plain, Path.Combine(folders["plain"], name));
            using (var large = plain.Resize(new SKImageInfo(112, 112, SKColorType.Gray8), new SKSamplingOptions(SKFilterMode.Linear)))
                Save(large, Path.Combine(folders["large"], name));
            using (var tall = plain.Resize(new SKImageInfo(56, 80, SKColorType.Gray8), new SKSamplingOptions(SKFilterMode.Linear)))
                Save(tall, Path.Combine(folders["tall"], name));
            using (var inverted = GreyBitmap(pixels.Select(p => (byte)(255 - p)).ToArray()))
            using (var bigInverted = inverted.Resize(new SKImageInfo(84, 84, SKColorType.Gray8), new SKSamplingOptions(SKFilterMode.Linear)))
                Save(bigInverted, Path.Combine(folders["inverted"], name));
            using (var rgb = InkOnPaper(pixels))
                Save(rgb, Path.Combine(folders["rgb"], name));
        }
        var outPath = dir.Combine("predictions.csv");
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["predict", "--model", saved.Path, .. folders.Values, "--out", outPath], console.Console);

        Assert.Equal(ExitCodes.Ok, exit);
        var rows = ReadCsv(outPath);
        Assert.Equal(Digits * folders.Count, rows.Count);
        var bySource = rows.GroupBy(r => Path.GetFileName(Path.GetDirectoryName(r.Source))!).ToDictionary(g => g.Key, g => g.ToArray());
        var plainPredicted = bySource["plain"].Select(r => uint.Parse(r.Predicted, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(saved.TestPredictions.Take(Digits), plainPredicted);
        foreach (var variant in new[] { "large", "tall", "inverted", "rgb" })
        {
            var correct = bySource[variant].Count(r => r.Predicted == saved.TestLabels[int.Parse(Path.GetFileNameWithoutExtension(r.Source))].ToString(CultureInfo.InvariantCulture));
            Assert.True(correct >= 0.95 * Digits, $"{variant}: {correct} of {Digits} correct");
        }
    }

    [Fact]
    public async Task Predict_IdxTestFile_OneRowPerImageMatchingModel()
    {
        using var dir = new TempDirectory();
        var outPath = dir.Combine("idx.csv");
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["predict", "--model", saved.Path, saved.TestImagesPath, "--out", outPath, "--all-probabilities"], console.Console);

        Assert.Equal(ExitCodes.Ok, exit);
        var rows = ReadCsv(outPath);
        Assert.Equal(10000, rows.Count);
        Assert.Equal(Enumerable.Range(0, 10000).Select(i => (long)i), rows.Select(r => r.Index));
        Assert.Equal(saved.TestPredictions, rows.Select(r => uint.Parse(r.Predicted, CultureInfo.InvariantCulture)));
        Assert.Equal(15, rows[0].Fields.Length);
        for (int r = 0; r < 10000; r += 97)
            Assert.Equal(saved.TestScores[r].Max(), rows[r].Probability, 1e-6);
        Assert.Matches(@"^\d:[0-9.E-]+\|\d:[0-9.E-]+\|\d:[0-9.E-]+$", rows[0].Top3);
    }

    [Fact]
    public async Task Predict_CsvToStdout_MatchesModel()
    {
        using var dir = new TempDirectory();
        var csv = dir.Combine("digits.csv");
        File.WriteAllLines(csv, TestNetworks.TestFeatures.Take(50).Select(f => string.Join(',', f.Select(v => Math.Round(v * 255).ToString(CultureInfo.InvariantCulture)))));
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["predict", "--model", saved.Path, csv], console.Console);

        Assert.Equal(ExitCodes.Ok, exit);
        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("source,index,predicted,probability,top3", lines[0].TrimEnd());
        Assert.Equal(saved.TestPredictions.Take(50).Select(p => p.ToString(CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[2]));
    }

    [Fact]
    public async Task Predict_Show_DrawsDigitBesidePrediction()
    {
        using var dir = new TempDirectory();
        var csv = dir.Combine("one.csv");
        File.WriteAllLines(csv, [string.Join(',', TestNetworks.TestFeatures[0].Select(v => v.ToString("R", CultureInfo.InvariantCulture)))]);
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["predict", "--model", saved.Path, csv, "--show"], console.Console);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("@", console.Output);
        Assert.Contains(saved.TestPredictions[0].ToString(CultureInfo.InvariantCulture), console.Output);
        Assert.DoesNotContain("source,index", console.Output);
    }

    [Fact]
    public async Task Predict_UnreadableInput_PrintsOneLineNamingFileAndExitsOne()
    {
        using var dir = new TempDirectory();
        var bad = dir.Combine("broken.png");
        File.WriteAllBytes(bad, [0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

        var run = await CliRun.RunAsync(["predict", "--model", saved.Path, bad]);

        Assert.Contains("broken.png", run.SingleLine(ExitCodes.Error));
    }

    [Fact]
    public async Task Predict_ModelIsNotAZip_PrintsOneLineAndExitsOne()
    {
        using var dir = new TempDirectory();
        var model = dir.Combine("model.zip");
        File.WriteAllText(model, "nope");

        var run = await CliRun.RunAsync(["predict", "--model", model, saved.TestImagesPath]);

        Assert.Contains("model.zip", run.SingleLine(ExitCodes.Error));
    }

    private static SKBitmap GreyBitmap(byte[] pixels)
    {
        var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        return bitmap;
    }

    // Dark blue ink on light yellow paper, 56x56: a colour photo-like picture.
    private static SKBitmap InkOnPaper(byte[] pixels)
    {
        var bitmap = new SKBitmap(new SKImageInfo(56, 56, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < 56; y++)
            for (int x = 0; x < 56; x++)
            {
                float ink = pixels[(y / 2) * 28 + x / 2] / 255f;
                byte Mix(int paper, int pen) => (byte)Math.Round(paper + (pen - paper) * ink);
                bitmap.SetPixel(x, y, new SKColor(Mix(250, 20), Mix(240, 30), Mix(200, 120)));
            }
        return bitmap;
    }

    private static void Save(SKBitmap bitmap, string path)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static List<Row> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("source,index,predicted,probability,top3", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => new Row(f[0], long.Parse(f[1], CultureInfo.InvariantCulture), f[2],
            float.Parse(f[3], CultureInfo.InvariantCulture), f[4], f)).ToList();
    }
}
