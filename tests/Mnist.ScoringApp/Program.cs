// Loads a saved model zip in a fresh process and scores the MNIST test set through ML.NET only:
//   Mnist.ScoringApp MODEL.zip MNIST_DIR OUT.tsv
// Writes one line per test image (predicted digit, then the ten probabilities) and prints which native
// inference libraries the process loaded, so a test can check that scoring never loads libtorch.
//   Mnist.ScoringApp save-loop MODEL.zip OUT.zip
// Loads a model and saves it to OUT.zip over and over until killed, so a test can kill a save midway.
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet;
using Mnist.MLNet.Data;
using Mnist.MLNet.Scoring;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "save-loop") return SaveLoop(args[1], args[2]);
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: Mnist.ScoringApp MODEL.zip MNIST_DIR OUT.tsv");
            return 2;
        }
        var mlContext = new MLContext();
        // Loaded before any Mnist.MLNet type is touched, as in an app that only references the package.
        Console.WriteLine($"Mnist.MLNet loaded before Model.Load: {AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Mnist.MLNet")}");
        var model = mlContext.Model.Load(args[0], out _);
        Score(mlContext, model, args[1], args[2]);
        foreach (var library in File.ReadLines("/proc/self/maps")
                     .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                     .Where(f => f.Length >= 6)
                     .Select(f => Path.GetFileName(f[5]))
                     .Where(name => name.Contains("onnxruntime") || name.Contains("torch"))
                     .Distinct())
            Console.WriteLine($"loaded {library}");
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
        var test = mlContext.Data.LoadMnist(mnistDirectory, MnistSplit.Test);
        using var engine = mlContext.Model.CreatePredictionEngine<MnistImage, MnistPrediction>(model);
        using var output = new StreamWriter(outputPath);
        foreach (var digit in mlContext.Data.CreateEnumerable<MnistImage>(test, reuseRowObject: false))
        {
            var p = engine.Predict(digit);
            output.WriteLine(string.Join('\t', new[] { p.PredictedLabel.ToString(CultureInfo.InvariantCulture) }
                .Concat(p.Score.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))));
        }
    }
}

