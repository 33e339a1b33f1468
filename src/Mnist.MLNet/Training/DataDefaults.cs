namespace Mnist.MLNet.Training;

/// <summary>Options left to the data, resolved when training starts from what it has: rows, features and classes.</summary>
internal static class DataDefaults
{
    /// <summary>From this many training rows, the tutorial's wider, deeper network.</summary>
    public const int LargeRows = 10_000;

    /// <summary>scikit-learn's <c>hidden_layer_sizes</c> default: on the small tabular sets of docs/defaults.md it
    /// matched or beat wider networks, and a 2,000 x 64 set cross-validates in seconds.</summary>
    public static IReadOnlyList<int> SmallDataHidden { get; } = [100];

    /// <summary>The hidden widths to train: the user's, else chosen by <paramref name="rows"/>.</summary>
    public static int[] HiddenLayers(MlpTrainerOptions options, long rows) =>
        options.HiddenLayers ?? [.. rows >= LargeRows ? MlpTrainer.Defaults.HiddenLayers : SmallDataHidden];
}
