using System.Reflection;
using Mnist.MLNet.Training;

namespace Mnist.MLNet.Tabular;

/// <summary>Copies every <see cref="MlpTrainer.Options"/> field into a task's options (binary, regression), so one set
/// of options (a recipe with flags applied) trains any task.</summary>
internal static class TrainerOptionsCopy
{
    // Every public field, the base class's (TorchSharpBaseTrainer.Options) included: a field added later is copied too.
    private static readonly FieldInfo[] Fields = typeof(MlpTrainer.Options).GetFields(BindingFlags.Public | BindingFlags.Instance);

    public static TOptions To<TOptions>(MlpTrainer.Options source) where TOptions : MlpTrainer.Options, new()
    {
        var copy = new TOptions();
        foreach (var field in Fields) field.SetValue(copy, field.GetValue(source));
        copy.HiddenLayers = [.. source.HiddenLayers];
        return copy;
    }
}
