using System.Diagnostics;
using System.Globalization;
using Mnist.MLNet.Data;
using Mnist.MLNet.Training.Recipes;

namespace Mnist.Benchmarks;

/// <summary>Test accuracy of each training recipe over a few seeds: mean, spread and wall time of training.</summary>
/// <remarks>Long: the best recipe trains 40 epochs per seed. <c>--recipe best --seeds 1</c> runs one.</remarks>
public sealed class RecipesMode : IBenchmarkMode
{
    public string Name => "recipes";
    public string Summary => "test accuracy of the tutorial, fast and best recipes (--recipe R, --seeds 1,2,3, --dataset fashion, --no-augmentation)";

    public int Run(BenchArgs args, TextWriter output)
    {
        var recipes = args.String("recipe", null) is { } one
            ? [Enum.Parse<MlpRecipe>(one, ignoreCase: true)]
            : Enum.GetValues<MlpRecipe>();
        var seeds = (args.String("seeds", "1,2,3") ?? "1").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var dataset = string.Equals(args.String("dataset", "mnist"), "fashion", StringComparison.OrdinalIgnoreCase)
            ? MnistDataset.Fashion : MnistDataset.Mnist;
        bool noAugmentation = args.Flag("no-augmentation");
        var test = MnistArrays.Read(args.DataDirectory, MnistSplit.Test);

        output.WriteLine($"recipes on {dataset} ({args.DataDirectory}), seeds {string.Join(",", seeds)}{(noAugmentation ? ", augmentation off" : "")}");
        var table = new Table("recipe", "epochs", "test accuracy per seed", "mean", "spread (max-min)", "train s per seed");
        foreach (var recipe in recipes)
        {
            var accuracies = new List<double>();
            var seconds = new List<double>();
            int epochs = 0;
            foreach (var seed in seeds)
            {
                var options = MlpRecipes.Create(recipe, dataset);
                options.Seed = seed;
                options.NumberOfThreads = args.Int("threads", 0);
                if (noAugmentation) options.Augmentation = null;
                epochs = options.MaxEpoch;
                var clock = Stopwatch.StartNew();
                var model = MlpTraining.Fit(args.DataDirectory, options);
                seconds.Add(clock.Elapsed.TotalSeconds);
                accuracies.Add(TestAccuracy.Of(model.Weights, test));
                output.WriteLine($"{recipe} seed {seed}: {accuracies[^1]:P2} in {seconds[^1]:F0} s");
            }
            table.Add(recipe.ToString().ToLowerInvariant(), epochs, string.Join(" ", accuracies.Select(a => a.ToString("P2", CultureInfo.InvariantCulture))),
                accuracies.Average().ToString("P2", CultureInfo.InvariantCulture),
                ((accuracies.Max() - accuracies.Min()) * 100).ToString("F2", CultureInfo.InvariantCulture) + " pt",
                string.Join(" ", seconds.Select(s => s.ToString("F0", CultureInfo.InvariantCulture))));
        }
        table.Write(output);
        return ExitCodes.Success;
    }
}
