// A serving app that references only Mnist.MLNet.Scoring:
//   Mnist.ScoringApp MODEL.zip MNIST_DIR OUT.tsv
// Loads a saved model zip in a fresh process and scores the MNIST test set through ML.NET only. Writes one line
// per test image (predicted digit, then the ten probabilities) and prints which native inference libraries the
// process loaded, so a test can check that scoring never loads libtorch.
//   Mnist.ScoringApp card MODEL.zip
// Prints the model's card as its metadata entries, one JSON object, so a test can compare it with the fitted one.
//   Mnist.ScoringApp save-loop MODEL.zip OUT.zip
// Loads a model and saves it to OUT.zip over and over until killed, so a test can kill a save midway.
//   Mnist.ScoringApp table MODEL.zip DATA.csv OUT.csv
// Predicts the rows of a CSV file with a model trained on a table and writes the predictions CSV, then prints which
// native inference libraries the process loaded.
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.ML;
using Mnist.MLNet.Scoring;
using Mnist.MLNet.Scoring.Tabular;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "save-loop") return SaveLoop(args[1], args[2]);
        if (args.Length == 2 && args[0] == "card") return PrintCard(args[1]);
        if (args.Length == 4 && args[0] == "table") return PredictTable(args[1], args[2], args[3]);
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: Mnist.ScoringApp MODEL.zip MNIST_DIR OUT.tsv | card MODEL.zip | save-loop MODEL.zip OUT.zip | table MODEL.zip DATA.csv OUT.csv");
            return 2;
        }
        var mlContext = new MLContext();
        // Nothing of ours is loaded before Model.Load: ML.NET finds the scoring assembly from the saved chain.
        Console.WriteLine($"Mnist assemblies loaded before Model.Load: {LoadedMnistAssemblies()}");
        var model = mlContext.Model.Load(args[0], out _);
        Score(mlContext, model, args[1], args[2]);
        Console.WriteLine($"Mnist assemblies loaded after scoring: {LoadedMnistAssemblies()}");
        PrintNativeLibraries();
        return 0;
    }

    private static int PredictTable(string modelPath, string csvPath, string outputPath)
    {
        using var model = TabularModel.Load(modelPath);
        var table = CsvTable.Read(csvPath);
        using (var output = new StreamWriter(outputPath)) PredictionsCsv.Write(output, table, model.Predict(table), model.Card);
        Console.WriteLine($"Mnist assemblies loaded after scoring: {LoadedMnistAssemblies()}");
        PrintNativeLibraries();
        return 0;
    }

    private static void PrintNativeLibraries()
    {
        foreach (var library in File.ReadLines("/proc/self/maps")
                     .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                     .Where(f => f.Length >= 6)
                     .Select(f => Path.GetFileName(f[5]))
                     .Where(name => name.Contains("onnxruntime") || name.Contains("torch") || name.Contains("Skia"))
                     .Distinct())
            Console.WriteLine($"loaded {library}");
    }

    private static string LoadedMnistAssemblies()
    {
        var names = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name!)
            .Where(n => n.StartsWith("Mnist.MLNet", StringComparison.Ordinal)).Order().ToArray();
        return names.Length == 0 ? "none" : string.Join(",", names);
    }

    private static int PrintCard(string modelPath)
    {
        var metadata = ModelCard.Read(modelPath).ToMetadata();
        Console.WriteLine(JsonSerializer.Serialize(new SortedDictionary<string, string>(metadata.ToDictionary())));
        return 0;
    }

    private static int SaveLoop(string modelPath, string outputPath)
    {
        var mlContext = new MLContext();
        var model = mlContext.Model.Load(modelPath, out var schema);
        for (long saves = 1; ; saves++)
        {
            mlContext.Model.SaveAtomically(model, schema, outputPath);
            Console.WriteLine($"saved {saves}");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Score(MLContext mlContext, ITransformer model, string mnistDirectory, string outputPath)
    {
        using var engine = mlContext.Model.CreatePredictionEngine<MnistImage, MnistPrediction>(model);
        using var output = new StreamWriter(outputPath);
        foreach (var pixels in ReadTestImages(Path.Combine(mnistDirectory, "t10k-images-idx3-ubyte.gz")))
        {
            var p = engine.Predict(new MnistImage { Features = pixels });
            output.WriteLine(string.Join('\t', new[] { p.PredictedLabel.ToString(CultureInfo.InvariantCulture) }
                .Concat(p.Score.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))));
        }
    }

    // The app does not reference the trainer's data loader: IDX images are a 16-byte big-endian header (magic,
    // count, rows, columns), then one byte per pixel, scaled to [0,1] as LoadMnist does.
    private static IEnumerable<float[]> ReadTestImages(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip);
        var header = reader.ReadBytes(16);
        int count = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        int pixels = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8))
                     * System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(12));
        for (int i = 0; i < count; i++)
            yield return reader.ReadBytes(pixels).Select(b => b / 255f).ToArray();
    }
}
