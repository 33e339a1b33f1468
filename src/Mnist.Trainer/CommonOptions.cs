namespace Mnist.Trainer;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    /// <summary><c>--data DIR</c>: where the dataset files are; unset means <see cref="MnistResources.DefaultDirectory"/>.</summary>
    public static readonly Option<string?> DataOption = new("--data")
    {
        Description = "Directory of the dataset files [default: data/mnist or data/fashion-mnist]",
        HelpName = "DIR",
    };

    /// <summary><c>--dataset mnist|fashion</c>.</summary>
    public static readonly Option<MnistDataset> DatasetOption = new("--dataset")
    {
        // No DefaultValueFactory: help would print the enum's name ("Mnist"); unset reads as Mnist, the enum's 0.
        Description = "Which dataset: mnist or fashion [default: mnist]",
        CustomParser = ParseDataset,
        HelpName = "mnist|fashion",
    };

    /// <summary><c>--model FILE</c>: a model zip saved by <c>mnist train</c> (or <c>mlContext.Model.Save</c>).</summary>
    public static readonly Option<string> ModelOption = new("--model")
    {
        Description = "The saved model (.zip)",
        HelpName = "FILE",
        Required = true,
    };

    /// <summary>The directory <c>--data</c> names, or the dataset's default.</summary>
    public static string DataDirectory(ParseResult result) =>
        result.GetValue(DataOption) ?? MnistResources.DefaultDirectory(result.GetValue(DatasetOption));

    // Only the two names users type; Enum parsing would also take "0" or "1".
    private static MnistDataset ParseDataset(System.CommandLine.Parsing.ArgumentResult result)
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        switch (token.ToLowerInvariant())
        {
            case "mnist": return MnistDataset.Mnist;
            case "fashion": return MnistDataset.Fashion;
            default:
                result.AddError($"--dataset '{token}' is not a dataset (expected mnist or fashion)");
                return default;
        }
    }
}
