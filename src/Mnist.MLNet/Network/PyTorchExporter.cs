namespace Mnist.MLNet.Network;

/// <summary>Writes <see cref="MlpWeights"/> as a PyTorch state_dict that the tutorial's <c>SimpleNN</c> loads with
/// <c>model.load_state_dict(torch.load(path))</c>: keys <c>linear_relu_stack.0.weight</c>, <c>.0.bias</c>, <c>.2.weight</c>, ...</summary>
public static class PyTorchExporter
{
    private static readonly StateDictFormat<MlpWeights, MlpModule> Format = new(MlpModule.FromWeights, (module, _) => module.ToWeights());

    /// <summary>Serialises the state_dict of <paramref name="weights"/> (torch.save's zip format).</summary>
    public static byte[] Export(MlpWeights weights) => Format.Save(weights);

    /// <summary>Writes the state_dict of <paramref name="weights"/> to <paramref name="path"/>, all or nothing.</summary>
    public static void Export(MlpWeights weights, string path) => Format.Save(weights, path);

    /// <summary>Reads a state_dict written by <see cref="Export(MlpWeights, string)"/> (or by PyTorch from <c>SimpleNN</c>)
    /// into a network of the same shape as <paramref name="shape"/>.</summary>
    public static MlpWeights Read(string path, MlpWeights shape) => Format.Read(path, shape);
}
