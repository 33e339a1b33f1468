using System.Reflection;
using Mnist.MLNet.Training;

namespace Mnist.MLNet.Tabular;

/// <summary>Copies one set of multiclass options (a recipe with flags applied) into the options of the task a table
/// asks for: every shared <see cref="MlpTrainerOptions"/> field, and the task's own fields when the types match.</summary>
internal static class TrainerOptionsCopy
{
    public static TOptions To<TOptions>(MlpTrainer.Options source) where TOptions : MlpTrainerOptions, new()
    {
        if (typeof(TOptions) != typeof(MlpTrainer.Options) && source.LabelSmoothing > 0)
            throw new ArgumentOutOfRangeException(nameof(MlpTrainer.Options.LabelSmoothing), source.LabelSmoothing,
                "Label smoothing applies to multiclass classification only; set it to 0.");
        // Every public field, the base classes' included: a field added later is copied too.
        var fields = (typeof(TOptions) == typeof(MlpTrainer.Options) ? typeof(TOptions) : typeof(MlpTrainerOptions))
            .GetFields(BindingFlags.Public | BindingFlags.Instance);
        var copy = new TOptions();
        foreach (var field in fields) field.SetValue(copy, field.GetValue(source));
        if (source.HiddenLayers is { } hidden) copy.HiddenLayers = [.. hidden];
        return copy;
    }
}
