using TorchSharp.Modules;

namespace Mnist.MLNet.Network.Layers;

/// <summary>Writes <see cref="LayerStackWeights"/> as the state_dict of the equivalent <c>torch.nn.Sequential</c>
/// (<c>nn.Unflatten</c> first for an image, then one module per layer), which PyTorch loads with
/// <c>model.load_state_dict(torch.load(path))</c>.</summary>
public static class LayerStackPyTorchExporter
{
    private static readonly StateDictFormat<LayerStackWeights, Sequential> Format =
        new(LayerStackModule.FromWeights, (module, shape) => LayerStackModule.ToWeights(module, shape.Input, shape.Network));

    /// <summary>Serialises the state_dict of <paramref name="weights"/> (torch.save's zip format).</summary>
    public static byte[] Export(LayerStackWeights weights) => Format.Save(weights);

    /// <summary>Writes the state_dict of <paramref name="weights"/> to <paramref name="path"/>, all or nothing.</summary>
    public static void Export(LayerStackWeights weights, string path) => Format.Save(weights, path);

    /// <summary>Reads a state_dict of the network <paramref name="shape"/> describes (written by
    /// <see cref="Export(LayerStackWeights, string)"/> or by PyTorch).</summary>
    public static LayerStackWeights Read(string path, LayerStackWeights shape) => Format.Read(path, shape);
}
