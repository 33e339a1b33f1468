namespace Mnist.Trainer.Commands;

/// <summary>One flag of <c>mnist train</c>, declared once: the parser option, where its value goes in the
/// <see cref="TrainCommand.Settings"/>, and how the resume line spells that value back.</summary>
internal abstract class TrainFlag
{
    /// <summary>The option the parser reads.</summary>
    public abstract Option Option { get; }

    /// <summary>Writes the typed value into <paramref name="settings"/>; a flag left out keeps the recipe's value.</summary>
    public abstract void Apply(ParseResult result, TrainCommand.Settings settings);

    /// <summary>The words that set this flag to its value in <paramref name="settings"/>; none for an unset value.</summary>
    public abstract IEnumerable<string> Spell(TrainCommand.Settings settings);

    /// <summary>A flag naming a file or directory, spelled back as an absolute path so a resume line works from anywhere.</summary>
    public static TrainFlag<string?> ForPath(string name, string helpName, string description, string defaultText,
        Func<TrainCommand.Settings, string?> get, Action<TrainCommand.Settings, string?> set) =>
        new(new Option<string?>(name) { Description = $"{description} [default: {defaultText}]", HelpName = helpName }, get, set, FlagValues.FullPath);
}

/// <summary>A <see cref="TrainFlag"/> of type <typeparamref name="T"/>.</summary>
/// <param name="spell">The value as a user types it.</param>
/// <param name="spellWhen">Leaves the flag out of the resume line when false (values that have no effect).</param>
internal sealed class TrainFlag<T>(Option<T> option, Func<TrainCommand.Settings, T> get, Action<TrainCommand.Settings, T> set,
    Func<T, string> spell, Func<TrainCommand.Settings, bool>? spellWhen = null) : TrainFlag
{
    public override Option Option => option;

    /// <summary>The option with its value type, for checks across flags.</summary>
    public Option<T> Typed => option;

    public override void Apply(ParseResult result, TrainCommand.Settings settings)
    {
        if (result.GetResult(option) is { Implicit: false }) set(settings, result.GetValue(option)!);
    }

    public override IEnumerable<string> Spell(TrainCommand.Settings settings) =>
        get(settings) is { } value && (spellWhen?.Invoke(settings) ?? true) ? [option.Name, spell(value)] : [];
}
