using System.Globalization;
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

    private readonly Option<bool> _defaults = new("--defaults")
    {
        Description = "Also train new MlpTrainer.Options() (widths and length from the data), alternated with the recipes seed by seed",
    };

    public IEnumerable<Option> Options => [_recipe, _seeds, _dataset, _noAugmentation, _defaults, SharedOptions.Threads, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        var recipes = args.GetValue(_recipe) is { } one ? [one] : Enum.GetValues<MlpRecipe>();
        var seeds = args.GetValue(_seeds)!.Values;
        var dataset = args.GetValue(_dataset);
        bool noAugmentation = args.GetValue(_noAugmentation);
        // MNIST as the other modes find it; another dataset in --data, else where the workflow puts it (fetched if missing).
        string? data = dataset == MnistDataset.Mnist ? SharedOptions.DataDirectory(args) : args.GetValue(SharedOptions.Data);
        // Each variant: its name and fresh options; the data defaults, when asked for, run right after each recipe.
        var variants = recipes.Select(r => (Name: r.ToString().ToLowerInvariant(), Create: (Func<MlpTrainer.Options>)(() => MlpRecipes.Create(r, dataset)))).ToList();
        if (args.GetValue(_defaults)) variants.Add(("defaults", () => new MlpTrainer.Options()));

        output.WriteLine($"recipes on {dataset} ({data ?? MnistResources.DefaultDirectory(dataset)}), seeds {string.Join(",", seeds)}{(noAugmentation ? ", augmentation off" : "")}");
        var runs = variants.ToDictionary(v => v.Name, _ => new List<(double Accuracy, double Seconds, int Epochs)>());
        foreach (var seed in seeds)
            foreach (var (name, create) in variants)
            {
                var options = create();
                options.Seed = seed;
                options.NumberOfThreads = args.GetValue(SharedOptions.Threads);
                if (noAugmentation) options.Augmentation = null;
                // No model or metrics path: the workflow saves nothing.
                var result = MnistTraining.RunAsync(new MnistTraining.Options { Dataset = dataset, DataDirectory = data, Trainer = options })
                    .GetAwaiter().GetResult();
                runs[name].Add((result.Report.TestAccuracy, result.Report.TrainSeconds ?? double.NaN, result.History.Count));
                output.WriteLine($"{name} seed {seed}: {runs[name][^1].Accuracy:P2} in {runs[name][^1].Seconds:F0} s, {runs[name][^1].Epochs} epochs");
            }
        var table = new Table("recipe", "epochs", "test accuracy per seed", "mean", "spread (max-min)", "train s per seed");
        foreach (var (name, list) in runs)
        {
            var accuracies = list.Select(r => r.Accuracy).ToList();
            table.Add(name, string.Join(" ", list.Select(r => r.Epochs).Distinct()), string.Join(" ", accuracies.Select(a => a.ToString("P2", CultureInfo.InvariantCulture))),
                accuracies.Average().ToString("P2", CultureInfo.InvariantCulture),
                ((accuracies.Max() - accuracies.Min()) * 100).ToString("F2", CultureInfo.InvariantCulture) + " pt",
                string.Join(" ", list.Select(r => r.Seconds.ToString("F0", CultureInfo.InvariantCulture))));
        }
        table.Write(output);
        return ExitCodes.Success;
    }
}
