using Mnist.MLNet.Native;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Mnist.MLNet.Network;

/// <summary>Moves one kind of network's weights through a PyTorch state_dict (torch.save's zip format): the weights
/// are built into a TorchSharp module to save, and a file is loaded into a module of the shape it should have.</summary>
/// <param name="toModule">Builds a module holding the given weights.</param>
/// <param name="fromModule">Reads a loaded module's weights back, given the weights that shaped it.</param>
internal sealed class StateDictFormat<TWeights, TModule>(Func<TWeights, TModule> toModule, Func<TModule, TWeights, TWeights> fromModule)
    where TWeights : class
    where TModule : nn.Module
{
    /// <summary>Serialises the state_dict of <paramref name="weights"/>.</summary>
    public byte[] Save(TWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return TorchRuntime.RunExclusive(() =>
        {
            using var module = toModule(weights);
            using var stream = new MemoryStream();
            module.save_py(stream, leaveOpen: true);
            return stream.ToArray();
        });
    }

    /// <summary>Writes the state_dict of <paramref name="weights"/> to <paramref name="path"/>, all or nothing.</summary>
    public void Save(TWeights weights, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, Save(weights));
    }

    /// <summary>Reads the state_dict at <paramref name="path"/> into a network shaped like <paramref name="shape"/>.</summary>
    public TWeights Read(string path, TWeights shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(shape);
        return TorchRuntime.RunExclusive(() =>
        {
            using var module = toModule(shape);
            module.load_py(path);
            return fromModule(module, shape);
        });
    }
}
