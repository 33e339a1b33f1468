using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>A network's forward pass in bfloat16 over its fp32 weights, as PyTorch's CPU autocast runs it (TorchSharp
/// has no autocast): the input and each layer's weights are cast to bfloat16 for the products and convolutions,
/// batch norm runs in fp32 on its fp32 statistics, and the logits come back as fp32 for an fp32 loss.</summary>
/// <remarks>The casts are in the autograd graph, so <c>backward</c> converts each weight's gradient back to fp32 and
/// accumulates it into the fp32 parameter's gradient: the optimizer keeps updating fp32 master weights.</remarks>
internal sealed class BFloat16Forward
{
    private readonly IReadOnlyList<nn.Module<Tensor, Tensor>> _layers;

    /// <summary>The forward of <paramref name="model"/>: an MLP or a layer stack, whose layers run in order.</summary>
    public BFloat16Forward(nn.Module<Tensor, Tensor> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _layers = [.. Layers(model)];
        if (_layers.Count == 0) throw new ArgumentException("The network has no layers.", nameof(model));
    }

    /// <summary>The logits of <paramref name="input"/> (fp32 [rows, features]) as fp32, computed in bfloat16.</summary>
    public Tensor Forward(Tensor input)
    {
        var x = input.to(ScalarType.BFloat16);
        foreach (var layer in _layers) x = Apply(layer, x);
        return x.to(ScalarType.Float32);
    }

    private static Tensor Apply(nn.Module<Tensor, Tensor> layer, Tensor x) => layer switch
    {
        Linear linear => nn.functional.linear(x, Low(linear.weight!), linear.bias is { } b ? Low(b) : null),
        Conv2d conv => nn.functional.conv2d(x, Low(conv.weight!), conv.bias is { } b ? Low(b) : null, conv.stride, conv.padding),
        // Autocast keeps batch norm in fp32: its statistics would lose their small updates in bfloat16.
        BatchNorm1d or BatchNorm2d => layer.forward(x.to(ScalarType.Float32)).to(ScalarType.BFloat16),
        // ReLU, pooling, flatten, unflatten and dropout work in any floating type.
        _ => layer.forward(x),
    };

    private static Tensor Low(Tensor weight) => weight.to(ScalarType.BFloat16);

    // The leaf modules in forward order; the MLP and layer stack nest theirs in one nn.Sequential.
    private static IEnumerable<nn.Module<Tensor, Tensor>> Layers(nn.Module module)
    {
        foreach (var child in module.children())
        {
            if (child is Sequential sequential)
                foreach (var layer in Layers(sequential)) yield return layer;
            else if (child is nn.Module<Tensor, Tensor> layer)
                yield return layer;
            else
                throw new ArgumentException($"Layer {child.GetName()} ({child.GetType().Name}) is not a tensor-to-tensor module.", nameof(module));
        }
    }
}
