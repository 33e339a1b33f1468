using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mnist.MLNet.Network.Layers;

/// <summary>Builds the TorchSharp <c>nn.Sequential</c> of a layer stack and moves weights in and out of it.</summary>
/// <remarks>The sequential reads the flat feature vector, as the ML.NET column holds it; for an image an
/// <c>nn.Unflatten</c> comes first. Its state_dict keys are then those of the same <c>torch.nn.Sequential</c> in
/// PyTorch, so the saved file loads there unchanged.</remarks>
internal static class LayerStackModule
{
    /// <summary>A freshly initialised network: <paramref name="network"/> (a whole stack, from
    /// <see cref="LayerStack.ForNetwork"/>) reading <paramref name="input"/>.</summary>
    public static Sequential Create(ActivationShape input, LayerStack network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        if (input.IsImage) modules.Add(("0", nn.Unflatten(1, [input.Channels, input.Rows, input.Columns])));
        var shapes = network.InferShapes(input, "features");
        var current = input;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            modules.Add(($"{modules.Count}", Create(network.Layers[i], current)));
            current = shapes[i];
        }
        return nn.Sequential(modules);
    }

    /// <summary>A network shaped like <paramref name="weights"/> holding exactly those weights.</summary>
    public static Sequential FromWeights(LayerStackWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var module = Create(weights.Input, weights.Network);
        LoadWeights(module, weights);
        return module;
    }

    /// <summary>Copies every tensor of <paramref name="weights"/> into <paramref name="module"/>'s parameter or
    /// buffer of the same name; names and shapes must match.</summary>
    public static void LoadWeights(Sequential module, LayerStackWeights weights)
    {
        var state = module.state_dict();
        var expected = state.Where(p => p.Value.dtype == ScalarType.Float32).Select(p => p.Key).Order().ToList();
        var given = weights.Tensors.Select(t => t.Name).Order().ToList();
        if (!expected.SequenceEqual(given))
            throw new ArgumentException($"tensors [{string.Join(", ", given)}], expected [{string.Join(", ", expected)}]", nameof(weights));
        using var _ = no_grad();
        foreach (var named in weights.Tensors)
        {
            var target = state[named.Name];
            if (!target.shape.SequenceEqual(named.Shape))
                throw new ArgumentException(
                    $"tensor '{named.Name}' of shape [{string.Join(",", named.Shape)}], expected [{string.Join(",", target.shape)}]", nameof(weights));
            using var source = tensor(named.Values).reshape([.. named.Shape]);
            target.copy_(source);
        }
    }

    /// <summary>Copies the float parameters and buffers of <paramref name="module"/> out as plain arrays.</summary>
    public static LayerStackWeights ToWeights(Sequential module, ActivationShape input, LayerStack network)
    {
        using var _ = no_grad();
        var tensors = module.state_dict()
            .Where(p => p.Value.dtype == ScalarType.Float32)
            .Select(p => new NamedTensor(p.Key, p.Value.shape, p.Value.detach().cpu().data<float>().ToArray()))
            .ToList();
        return new LayerStackWeights(input, network, tensors);
    }

    private static nn.Module<Tensor, Tensor> Create(LayerSpec layer, ActivationShape input) => layer switch
    {
        DenseLayer dense => nn.Linear(input.Size, dense.Units),
        Conv2dLayer conv => nn.Conv2d(input.Channels, conv.Filters, conv.Kernel, conv.Stride, conv.Padding),
        MaxPoolLayer pool => nn.MaxPool2d(pool.Size, pool.Stride),
        FlattenLayer => nn.Flatten(),
        DropoutLayer dropout => nn.Dropout(dropout.Rate),
        BatchNormLayer when input.IsImage => nn.BatchNorm2d(input.Channels, BatchNormLayer.Epsilon),
        BatchNormLayer => nn.BatchNorm1d(input.Size, BatchNormLayer.Epsilon),
        ReluLayer => nn.ReLU(),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "Unknown layer type."),
    };
}
