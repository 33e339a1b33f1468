namespace Mnist.MLNet.Network;

/// <summary>One fully connected layer in PyTorch's <c>nn.Linear</c> layout: <c>y = x Wᵀ + b</c>.</summary>
/// <param name="Weight">Row-major [OutputSize, InputSize].</param>
/// <param name="Bias">[OutputSize].</param>
public sealed record LinearLayer(int InputSize, int OutputSize, float[] Weight, float[] Bias);

/// <summary>The trained multilayer perceptron: linear layers with ReLU between them; the last one gives logits.</summary>
public sealed record MlpWeights(IReadOnlyList<LinearLayer> Layers)
{
    public int InputSize => Layers[0].InputSize;
    public int OutputSize => Layers[^1].OutputSize;
}
