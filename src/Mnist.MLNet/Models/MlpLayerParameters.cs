using Mnist.MLNet.Network;

namespace Mnist.MLNet.Models;

/// <summary>One linear layer of a trained network, read-only, in PyTorch's <c>nn.Linear</c> layout: <c>y = x Wᵀ + b</c>.</summary>
public sealed class MlpLayerParameters
{
    internal MlpLayerParameters(LinearLayer layer)
    {
        InputSize = layer.InputSize;
        OutputSize = layer.OutputSize;
        Weight = layer.Weight;
        Bias = layer.Bias;
    }

    /// <summary>Inputs of the layer.</summary>
    public int InputSize { get; }

    /// <summary>Outputs of the layer.</summary>
    public int OutputSize { get; }

    /// <summary>Row-major [OutputSize, InputSize]: row o holds the weights output o gives each input.</summary>
    public ReadOnlyMemory<float> Weight { get; }

    /// <summary>[OutputSize].</summary>
    public ReadOnlyMemory<float> Bias { get; }

    /// <summary>The weight from input <paramref name="input"/> to output <paramref name="output"/>.</summary>
    public float WeightOf(int output, int input)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(output, OutputSize);
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(input, InputSize);
        return Weight.Span[output * InputSize + input];
    }
}
