namespace Mnist.MLNet.Network.Layers;

/// <summary>One parameter or buffer of a network, under its PyTorch state_dict key (<c>1.weight</c>,
/// <c>2.running_mean</c>, ...).</summary>
/// <param name="Values">Row-major, of the product of <paramref name="Shape"/> values.</param>
public sealed record NamedTensor(string Name, IReadOnlyList<long> Shape, float[] Values);

/// <summary>A trained layer-stack network: the whole stack (<see cref="LayerStack.ForNetwork"/>), the shape it reads
/// and every float parameter and buffer by state_dict key.</summary>
/// <remarks>The keys index <c>torch.nn.Sequential</c>: when the input is an image, index 0 is the
/// <c>nn.Unflatten</c> that reads the flat feature vector as channels x rows x columns, and layer i of
/// <see cref="Network"/> is module i + 1.</remarks>
public sealed record LayerStackWeights(ActivationShape Input, LayerStack Network, IReadOnlyList<NamedTensor> Tensors)
{
    /// <summary>Values the network reads per row.</summary>
    public int InputSize => Input.Size;

    /// <summary>The output layer's width (classes, or 1).</summary>
    public int OutputSize => Network.Layers is [.., DenseLayer last] ? last.Units
        : throw new InvalidOperationException("The network does not end in a dense layer.");

    /// <summary>The <c>nn.Sequential</c> index of <see cref="Network"/>'s layer <paramref name="layer"/>.</summary>
    public int ModuleIndex(int layer) => layer + (Input.IsImage ? 1 : 0);

    /// <summary>The tensor under <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public NamedTensor Tensor(string name) => Tensors.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"No tensor '{name}' among the network's {Tensors.Count}.");
}
