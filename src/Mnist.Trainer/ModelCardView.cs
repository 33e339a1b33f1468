namespace Mnist.Trainer;

/// <summary>Renders a <see cref="ModelCard"/>: what the model reads and predicts, how it was trained, its epochs.</summary>
public static class ModelCardView
{
    public static void Write(IAnsiConsole console, string modelPath, ModelCard card)
    {
        console.MarkupLine($"[bold]Model[/] {Markup.Escape(Path.GetFullPath(modelPath))}");
        var facts = new Table().AddColumns("Field", "Value");
        facts.AddRow("Producer", Markup.Escape($"{card.Producer} {card.ProducerVersion} (card format {card.FormatVersion})"));
        facts.AddRow("Features", Markup.Escape($"'{card.FeatureColumnName}': {card.FeatureSize} Single" +
            (card.ImageShape is { } shape ? $" ({string.Join("x", shape)} image)" : " (not an image)")));
        facts.AddRow("Label", Markup.Escape($"'{card.LabelColumnName}' ({card.LabelType}), {card.ClassLabels.Count} classes"));
        facts.AddRow("Classes (output order)", Markup.Escape(string.Join(" ", card.ClassLabels)));
        facts.AddRow("Outputs", Markup.Escape($"'{card.ScoreColumnName}', '{card.PredictedLabelColumnName}'"));
        facts.AddRow("Network", Markup.Escape(Network(card)));
        facts.AddRow("Task", Markup.Escape(Mnist.MLNet.Tabular.TaskInference.Name(card.Task)));
        if (card.DecisionThreshold is { } threshold)
            facts.AddRow("Decision threshold", string.Create(CultureInfo.InvariantCulture, $"true from probability {threshold:0.####}"));
        if (card.InputColumns is { } columns)
            facts.AddRow("Input columns", Markup.Escape(string.Join("\n", columns.Select(c => TableView.Describe(c)))));
        console.Write(facts);

        if (card.TrainingOptions.Count > 0)
        {
            var options = new Table().Title("Training options").AddColumns("Option", "Value");
            foreach (var (name, value) in card.TrainingOptions.OrderBy(p => p.Key, StringComparer.Ordinal))
                options.AddRow(Markup.Escape(name), Markup.Escape(value));
            console.Write(options);
        }
        if (card.History.Count > 0) console.Write(ReportView.EpochTable(card.History));
        else console.WriteLine("No training history.");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{card.History.Count} epochs recorded"));
    }

    // A layer stack's card names its whole network (output layer included); an MLP's its hidden widths, and whether
    // two layers in front of them compute features' quantiles (the QuantileFeatures row says how many).
    private static string Network(ModelCard card) =>
        card.TrainingOptions.TryGetValue("Layers", out var layers) ? $"layer stack {layers}"
        : card.TrainingOptions.TryGetValue("HiddenLayers", out var hidden) ? $"MLP, hidden layers {(hidden.Length == 0 ? "none" : hidden)}" + Quantiles(card)
        : "MLP";

    // The card says "false", or "N of F features".
    private static string Quantiles(ModelCard card) =>
        card.TrainingOptions.TryGetValue("QuantileFeatures", out var quantiles)
            && int.TryParse(quantiles.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0
            ? ", quantile inputs" : "";
}
