using Mnist.MLNet.Scoring.Tabular;
using Mnist.MLNet.Tests.Trainer;
using Mnist.Trainer;
using SkiaSharp;

namespace Mnist.MLNet.Tests.Pictures;

/// <summary><c>mnist train --images</c> on a three-class folder of MNIST digits written as PNG files, then
/// <c>evaluate --images</c> and <c>predict</c> on the saved model; a file that does not decode is one error line.</summary>
[Collection(LibTorchCollection.Name)]
public class ImageFolderTests
{
    private static readonly uint[] Classes = [0, 1, 7];

    [Fact]
    public async Task TrainEvaluatePredict_ThreeDigitClassesAsPngs_LearnsThemAtAnotherSize()
    {
        using var dir = new TempDirectory();
        var folder = WriteDigits(dir.Combine("digits"), perClass: 60);
        var model = dir.Combine("model.zip");
        var train = new CapturedConsole();

        int exit = await Program.RunAsync(["train", "--images", folder, "--image-size", "14", "--out", model,
            "--hidden", "32", "--epochs", "15", "--batch-size", "16", "--lr", "0.003", "--seed", "1"], train.Console);

        Assert.True(exit == ExitCodes.Ok, train.Output);
        var accuracy = double.Parse(train.Lines.Single(l => l.StartsWith("Test accuracy: ", StringComparison.Ordinal))["Test accuracy: ".Length..],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 0.9, train.Output);
        var card = ModelCard.Read(model);
        Assert.Equal([1, 14, 14], card.ImageShape!);
        Assert.Equal("Picture", card.FeatureColumnName);
        // The card says outright that the model reads one picture per row, sized and coloured as ImageShape says.
        Assert.Equal(new InputColumn("Picture", InputColumnKind.Picture), Assert.Single(card.InputColumns!));
        Assert.Equal(["0", "1", "7"], card.ClassLabels);

        var evaluate = new CapturedConsole();
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["evaluate", "--model", model, "--images", folder], evaluate.Console));
        Assert.Contains("Test rows: 180", evaluate.Output);

        var predictions = dir.Combine("predictions.csv");
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["predict", "--model", model, folder, "--out", predictions], new CapturedConsole().Console));
        var rows = File.ReadAllLines(predictions);
        Assert.Equal("source,predicted,p_0,p_1,p_7", rows[0]);
        Assert.Equal(181, rows.Length);
        int correct = rows.Skip(1).Select(r => r.Split(',')).Count(f => Path.GetFileName(Path.GetDirectoryName(f[0])) == f[1]);
        Assert.True(correct >= 0.9 * 180, $"{correct} of 180");

        // A digit command refuses the model: its pictures are not prepared as MNIST digits.
        var digits = new CapturedConsole();
        Assert.Equal(ExitCodes.Error, await Program.RunAsync(["evaluate", "--model", model], digits.Console));
        Assert.Contains("1x14x14 images", digits.Output);
    }

    [Fact]
    public async Task Predict_PictureThatDoesNotDecode_OneLineNamingTheFileExit1()
    {
        using var dir = new TempDirectory();
        var folder = WriteDigits(dir.Combine("digits"), perClass: 10);
        var model = dir.Combine("model.zip");
        Assert.Equal(ExitCodes.Ok, await Program.RunAsync(["train", "--images", folder, "--out", model, "--epochs", "1", "--hidden", "8", "--seed", "1"],
            new CapturedConsole().Console));
        var broken = dir.Combine("broken.png");
        File.WriteAllBytes(broken, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["predict", "--model", model, broken], console.Console);

        Assert.Equal(ExitCodes.Error, exit);
        Assert.StartsWith($"error: {broken}: ", Assert.Single(console.Lines));
    }

    [Fact]
    public void Load_Color_RedGreenAndBluePlanes()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("red.png");
        using (var bitmap = new SKBitmap(new SKImageInfo(4, 4, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
        {
            bitmap.Erase(new SKColor(255, 0, 0));
            using var image = SKImage.FromBitmap(bitmap);
            File.WriteAllBytes(path, image.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        }

        var colour = FolderPicture.Load(path, 2, color: true);
        var grey = FolderPicture.Load(path, 2, color: false);

        Assert.Equal([1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], colour);
        Assert.All(grey, v => Assert.Equal(0.299f, v, 3));
    }

    // MNIST test digits of three classes, one subfolder per class, as 28x28 grey PNG files.
    private static string WriteDigits(string folder, int perClass)
    {
        foreach (var digit in Classes)
        {
            var classFolder = Directory.CreateDirectory(Path.Combine(folder, digit.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
            var indices = Enumerable.Range(0, TestNetworks.TestLabels.Length).Where(i => TestNetworks.TestLabels[i] == digit).Take(perClass);
            foreach (var i in indices)
            {
                var pixels = TestNetworks.TestFeatures[i].Select(v => (byte)Math.Round(v * 255)).ToArray();
                using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
                System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
                using var image = SKImage.FromBitmap(bitmap);
                File.WriteAllBytes(Path.Combine(classFolder, $"{i:D5}.png"), image.Encode(SKEncodedImageFormat.Png, 100).ToArray());
            }
        }
        return folder;
    }
}
