using Mnist.MLNet.Native;
using TorchSharp.PyBridge;

namespace Mnist.MLNet.Network.Layers;

/// <summary>Writes <see cref="LayerStackWeights"/> as the state_dict of the equivalent <c>torch.nn.Sequential</c>
/// (<c>nn.Unflatten</c> first for an image, then one module per layer), which PyTorch loads with
/// <c>model.load_state_dict(torch.load(path))</c>.</summary>
public static class LayerStackPyTorchExporter
{
    /// <summary>Serialises the state_dict of <paramref name="weights"/> (torch.save's zip format).</summary>
    public static byte[] Export(LayerStackWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return TorchRuntime.RunExclusive(() =>
        {
            using var module = LayerStackModule.FromWeights(weights);
            using var stream = new MemoryStream();
            module.save_py(stream, leaveOpen: true);
            return stream.ToArray();
        });
    }

    /// <summary>Writes the state_dict of <paramref name="weights"/> to <paramref name="path"/>, all or nothing.</summary>
    public static void Export(LayerStackWeights weights, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, Export(weights));
    }

    /// <summary>Reads a state_dict of the network <paramref name="shape"/> describes (written by
    /// <see cref="Export(LayerStackWeights, string)"/> or by PyTorch).</summary>
    public static LayerStackWeights Read(string path, LayerStackWeights shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(shape);
        return TorchRuntime.RunExclusive(() =>
        {
            using var module = LayerStackModule.FromWeights(shape);
            module.load_py(path);
            return LayerStackModule.ToWeights(module, shape.Input, shape.Network);
        });
    }
}
