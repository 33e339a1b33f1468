using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mnist.MLNet.Network;

/// <summary>The tutorial's network: flatten, then Linear and ReLU pairs, then a Linear giving logits.</summary>
/// <remarks>The field is named <c>linear_relu_stack</c>, as in the PyTorch tutorial's <c>SimpleNN</c>, so a
/// state_dict written from here loads there with the same keys (<c>linear_relu_stack.0.weight</c>, ...).</remarks>
internal sealed class MlpModule : nn.Module<Tensor, Tensor>
{
    private readonly Sequential linear_relu_stack;

    public MlpModule(int inputSize, IReadOnlyList<int> hiddenLayers, int classCount, double dropout)
        : base(nameof(MlpModule))
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = inputSize;
        foreach (var hidden in hiddenLayers)
        {
            layers.Add(($"{layers.Count}", nn.Linear(width, hidden)));
            layers.Add(($"{layers.Count}", nn.ReLU()));
            // Dropout sits after the activation; with the default 0 it is left out so the keys stay the tutorial's.
            if (dropout > 0) layers.Add(($"{layers.Count}", nn.Dropout(dropout)));
            width = hidden;
        }
        layers.Add(($"{layers.Count}", nn.Linear(width, classCount)));
        linear_relu_stack = nn.Sequential(layers);
        RegisterComponents();
    }

    /// <summary>A network shaped like <paramref name="weights"/> (no dropout) holding exactly those weights.</summary>
    public static MlpModule FromWeights(MlpWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var hidden = weights.Layers.Take(weights.Layers.Count - 1).Select(l => l.OutputSize).ToList();
        var module = new MlpModule(weights.InputSize, hidden, weights.OutputSize, dropout: 0);
        module.LoadWeights(weights);
        return module;
    }

    /// <summary>Copies <paramref name="weights"/> into this network's linear layers; the shapes must match.</summary>
    public void LoadWeights(MlpWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var linears = linear_relu_stack.children().OfType<Linear>().ToList();
        if (linears.Count != weights.Layers.Count)
            throw new ArgumentException($"{weights.Layers.Count} layers, expected {linears.Count}", nameof(weights));
        using var _ = no_grad();
        for (int i = 0; i < linears.Count; i++)
        {
            var (linear, layer) = (linears[i], weights.Layers[i]);
            if (linear.in_features != layer.InputSize || linear.out_features != layer.OutputSize)
                throw new ArgumentException(
                    $"layer {i}: {layer.OutputSize}x{layer.InputSize}, expected {linear.out_features}x{linear.in_features}", nameof(weights));
            using var weight = tensor(layer.Weight).reshape(layer.OutputSize, layer.InputSize);
            using var bias = tensor(layer.Bias);
            linear.weight!.copy_(weight);
            linear.bias!.copy_(bias);
        }
    }

    public override Tensor forward(Tensor input) => linear_relu_stack.forward(input.flatten(1));

    /// <summary>Copies the weights out as plain arrays, the form scoring and saving use.</summary>
    public MlpWeights ToWeights()
    {
        using var _ = no_grad();
        var layers = linear_relu_stack.children().OfType<Linear>()
            .Select(l => new LinearLayer((int)l.in_features, (int)l.out_features,
                l.weight!.detach().cpu().data<float>().ToArray(),
                l.bias!.detach().cpu().data<float>().ToArray()))
            .ToList();
        return new MlpWeights(layers);
    }
}
