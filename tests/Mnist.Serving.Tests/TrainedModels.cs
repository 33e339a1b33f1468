using System.IO.Compression;
using Mnist.MLNet.Tests.Tabular;
using SkiaSharp;

namespace Mnist.Serving.Tests;

/// <summary>Small models of tables and of pictures, trained once with <c>mnist train</c> as a user runs it: multiclass
/// on the shipped wine data, binary on the shipped breast cancer data, regression on the shipped diabetes data, a
/// mixed table (a text category, missing numbers, a boolean), and three classes of rendered shapes as PNG files.</summary>
public sealed class TrainedModels : IDisposable
{
    private static readonly string[] Small = ["--hidden", "16", "--epochs", "20", "--batch-size", "16", "--lr", "0.01", "--seed", "1"];
    private readonly TempDirectory _directory = new();

    public TrainedModels()
    {
        var data = Path.Combine(RepositoryRoot.Find(), "benchmarks", "Mnist.Benchmarks", "Data");
        WineCsv = WithHeader(File.ReadAllLines(Path.Combine(data, "wine.csv")), "wine.csv", "class");
        BreastCancerCsv = WithHeader(Gunzip(Path.Combine(data, "breast_cancer.csv.gz")), "breast_cancer.csv", "malignant");
        DiabetesCsv = Path.Combine(data, "diabetes.csv");
        CustomersCsv = CsvFiles.Customers(_directory);
        ShapesDirectory = Shapes(_directory.Combine("shapes"), perClass: 30);
        Wine = Train("wine.zip", "--csv", WineCsv, "--label", "class", "--task", "multiclass");
        BreastCancer = Train("breast_cancer.zip", "--csv", BreastCancerCsv, "--label", "malignant", "--task", "binary");
        Diabetes = Train("diabetes.zip", "--csv", DiabetesCsv, "--label", "target", "--task", "regression");
        Customers = Train("customers.zip", "--csv", CustomersCsv, "--label", "plan", "--ignore", "id");
        ShapesModel = Train("shapes.zip", "--images", ShapesDirectory, "--image-size", "16");
    }

    public string WineCsv { get; }
    public string BreastCancerCsv { get; }
    public string DiabetesCsv { get; }

    /// <summary>id, age (10% missing), city (Oslo, Paris, Lima), member (boolean), plan (the label: basic, standard, premium).</summary>
    public string CustomersCsv { get; }

    /// <summary>circle/, square/, triangle/: white shapes of varied size and place on black, 32x32 PNG files.</summary>
    public string ShapesDirectory { get; }

    public string Wine { get; }
    public string BreastCancer { get; }
    public string Diabetes { get; }
    public string Customers { get; }
    public string ShapesModel { get; }

    /// <summary>A temporary path for a test's own files.</summary>
    public string Combine(string name) => _directory.Combine(name);

    public void Dispose() => _directory.Dispose();

    private string Train(string name, params string[] args)
    {
        var path = _directory.Combine(name);
        var console = new CapturedConsole();
        int exit = Program.RunAsync(["train", .. args, "--out", path, .. Small], console.Console).GetAwaiter().GetResult();
        if (exit != ExitCodes.Ok) throw new InvalidOperationException($"mnist train {string.Join(' ', args)} failed: {console.Output}");
        return path;
    }

    // scikit-learn's files start with a line of counts and class names; the features get names, the last column the label's.
    private string WithHeader(IReadOnlyList<string> lines, string name, string label)
    {
        int fields = lines[1].Split(',').Length;
        var header = string.Join(',', Enumerable.Range(0, fields - 1).Select(i => $"f{i}").Append(label));
        var path = _directory.Combine(name);
        File.WriteAllLines(path, lines.Skip(1).Prepend(header));
        return path;
    }

    private static string[] Gunzip(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Shapes(string directory, int perClass)
    {
        var random = new Random(1);
        foreach (var shape in new[] { "circle", "square", "triangle" })
        {
            Directory.CreateDirectory(Path.Combine(directory, shape));
            for (int i = 0; i < perClass; i++)
                File.WriteAllBytes(Path.Combine(directory, shape, $"{i:D3}.png"), Shape(shape, random));
        }
        return directory;
    }

    /// <summary>One white <paramref name="shape"/> on black, 32x32, of a random size and place, as PNG bytes.</summary>
    public static byte[] Shape(string shape, Random random)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(32, 32, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(SKColors.Black);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Fill })
        {
            float r = 7 + 5 * (float)random.NextDouble(), cx = 16 + 3 * (float)(random.NextDouble() - 0.5), cy = 16 + 3 * (float)(random.NextDouble() - 0.5);
            switch (shape)
            {
                case "circle": canvas.DrawCircle(cx, cy, r, paint); break;
                case "square": canvas.DrawRect(cx - r, cy - r, 2 * r, 2 * r, paint); break;
                default:
                    using (var path = new SKPath())
                    {
                        path.MoveTo(cx, cy - r);
                        path.LineTo(cx + r, cy + r);
                        path.LineTo(cx - r, cy + r);
                        path.Close();
                        canvas.DrawPath(path, paint);
                    }
                    break;
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
