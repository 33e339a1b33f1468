using System.CommandLine;
using System.Globalization;
using Mnist.MLNet.Data;
using Mnist.MLNet.Training.Recipes;
using Mnist.MLNet.Workflow;

namespace Mnist.Benchmarks;

/// <summary>Test accuracy of each training recipe over a few seeds: mean, spread and wall time of training.</summary>
/// <remarks>Long: the best recipe trains 40 epochs per seed. <c>--recipe best --seeds 1</c> runs one. Each run is
/// the library's workflow, as <c>mnist train</c> runs it, saving nothing.</remarks>
public sealed class RecipesMode : IBenchmarkMode
{
    public string Name => "recipes";
    public string Summary => "test accuracy of the tutorial, fast and best recipes over a few seeds";

    private readonly Option<MlpRecipe?> _recipe = new("--recipe") { Description = "Run only this recipe [default: all of them]" };
    private readonly Option<CommaList<int>> _seeds = OptionParsers.Ints("--seeds", "Seeds to train each recipe with", [1, 2, 3], min: 0);
    private readonly Option<MnistDataset> _dataset = new("--dataset") { Description = "Dataset", DefaultValueFactory = _ => MnistDataset.Mnist };
    private readonly Option<bool> _noAugmentation = new("--no-augmentation") { Description = "Train every recipe without distortions" };

    public IEnumerable<Option> Options => [_recipe, _seeds, _dataset, _noAugmentation, SharedOptions.Threads, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        var recipes = args.GetValue(_recipe) is { } one ? [one] : Enum.GetValues<MlpRecipe>();
        var seeds = args.GetValue(_seeds)!.Values;
        var dataset = args.GetValue(_dataset);
        bool noAugmentation = args.GetValue(_noAugmentation);
        // MNIST as the other modes find it; another dataset in --data, else where the workflow puts it (fetched if missing).
        string? data = dataset == MnistDataset.Mnist ? SharedOptions.DataDirectory(args) : args.GetValue(SharedOptions.Data);

        output.WriteLine($"recipes on {dataset} ({data ?? MnistResources.DefaultDirectory(dataset)}), seeds {string.Join(",", seeds)}{(noAugmentation ? ", augmentation off" : "")}");
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
                options.NumberOfThreads = args.GetValue(SharedOptions.Threads);
                if (noAugmentation) options.Augmentation = null;
                epochs = options.MaxEpoch;
                // No model or metrics path: the workflow saves nothing.
                var result = MnistTraining.RunAsync(new MnistTraining.Options { Dataset = dataset, DataDirectory = data, Trainer = options })
                    .GetAwaiter().GetResult();
                seconds.Add(result.Report.TrainSeconds ?? double.NaN);
                accuracies.Add(result.Report.TestAccuracy);
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
