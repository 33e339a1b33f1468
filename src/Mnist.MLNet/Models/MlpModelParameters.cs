using Mnist.MLNet.Network;
using Mnist.MLNet.Network.Layers;

namespace Mnist.MLNet.Models;

/// <summary>A trained network as ML.NET's tools see it: the model of a fitted <see cref="MlpPredictionTransformer"/>,
/// its layers' weights (read-only) and the model card its ONNX graph carries.</summary>
public sealed class MlpModelParameters
{
    private readonly MlpWeights? _weights;
    private readonly LayerStackWeights? _layerStack;

    internal MlpModelParameters(MlpWeights weights, ModelCard card)
        : this(card, (weights ?? throw new ArgumentNullException(nameof(weights))).InputSize,
            weights.Layers.Select(l => new MlpLayerParameters(l)).ToArray())
    {
        _weights = weights;
    }

    /// <summary>A trained layer stack (convolutions, pooling, ...): <see cref="Layers"/> is empty, the weights are
    /// <see cref="LayerStack"/>.</summary>
    internal MlpModelParameters(LayerStackWeights layerStack, ModelCard card)
        : this(card, (layerStack ?? throw new ArgumentNullException(nameof(layerStack))).InputSize, [])
    {
        _layerStack = layerStack;
    }

    // Whichever network it is, the card must describe the features it reads.
    private MlpModelParameters(ModelCard card, int networkInputSize, IReadOnlyList<MlpLayerParameters> layers)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.FeatureSize != networkInputSize)
            throw new ArgumentException($"model card of {card.FeatureSize} features, expected {networkInputSize} (the network's)", nameof(card));
        Card = card;
        Layers = layers;
    }

    /// <summary>What the model says about itself: task, columns, classes, training options and history.</summary>
    public ModelCard Card { get; }

    /// <summary>What the network predicts.</summary>
    public MlpTask Task => Card.Task;

    /// <summary>The linear layers in order, input first; ReLU sits between them. Empty for a layer stack.</summary>
    public IReadOnlyList<MlpLayerParameters> Layers { get; }

    /// <summary>Features the network reads.</summary>
    public int InputSize => _weights?.InputSize ?? _layerStack!.InputSize;

    /// <summary>Outputs of the last layer: one per class (multiclass) or one (binary, regression).</summary>
    public int OutputSize => _weights?.OutputSize ?? _layerStack!.OutputSize;

    /// <summary>The weights of a layer-stack network (its layers, input shape and state_dict tensors); null for an MLP.</summary>
    public LayerStackWeights? LayerStack => _layerStack;

    /// <summary>Metrics of each training epoch, oldest first.</summary>
    public IReadOnlyList<EpochMetrics> History => Card.History;

    /// <summary>A copy of the weights, for export or for a network of the same shape.</summary>
    /// <exception cref="InvalidOperationException">The network is a layer stack; see <see cref="LayerStack"/>.</exception>
    public MlpWeights CopyWeights() =>
        new([.. Weights.Layers.Select(l => l with { Weight = (float[])l.Weight.Clone(), Bias = (float[])l.Bias.Clone() })]);

    /// <summary>The weights themselves, for the graph and the scoring this model's transformer builds.</summary>
    internal MlpWeights Weights => _weights
        ?? throw new InvalidOperationException("The network is a layer stack, not an MLP; its weights are MlpModelParameters.LayerStack.");
}
