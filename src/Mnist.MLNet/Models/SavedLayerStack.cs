using Mnist.MLNet.Network.Layers;
using Onnx;

namespace Mnist.MLNet.Models;

/// <summary>Reads a layer stack (convolutions, pooling, ...) back out of its ONNX graph: the card names the whole
/// network and the image it reads, the graph's initializers are its tensors under their state_dict keys.</summary>
/// <remarks>The graph must be exactly the one <see cref="LayerStackOnnxGraph"/> builds for those layers and tensors,
/// node for node, so weights read here score as the saved graph does.</remarks>
internal static class SavedLayerStack
{
    /// <summary>The card's training option that holds the whole network's spelling (the trainer's option
    /// <c>MlpTrainer.Options.Layers</c>); only stacks write it.</summary>
    public const string LayersKey = "Layers";

    /// <summary>Whether <paramref name="card"/> describes a layer stack rather than an MLP.</summary>
    public static bool Describes(ModelCard card) => card.TrainingOptions.ContainsKey(LayersKey);

    /// <summary>The weights of the stack <paramref name="card"/> describes, from <paramref name="model"/>.</summary>
    /// <exception cref="InvalidDataException">The card's layers or the graph are not such a network; the message
    /// says where.</exception>
    public static LayerStackWeights FromOnnx(ModelProto model, ModelCard card)
    {
        var graph = model.Graph ?? throw new InvalidDataException("no graph");
        if (graph.Input.Count != 1 || graph.Output.Count != 2)
            throw new InvalidDataException($"{graph.Input.Count} inputs and {graph.Output.Count} outputs, expected 1 and 2");
        var input = InputShape(card);
        LayerStack network;
        try
        {
            network = LayerStack.Parse(card.TrainingOptions[LayersKey]);
            network.InferShapes(input, card.FeatureColumnName);
        }
        catch (Exception e) when (e is LayerSpellingException or LayerShapeException)
        {
            throw new InvalidDataException($"model card entry '{LayersKey}': {e.Message}", e);
        }

        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var tensors = new List<NamedTensor>();
        foreach (var (name, shape) in ParameterShapes(input, network))
        {
            var stored = SavedModel.Tensor(initializers, name, shape.Length);
            if (!stored.Dims.SequenceEqual(shape))
                throw new InvalidDataException($"initializer {name} has shape [{string.Join(",", stored.Dims)}], expected [{string.Join(",", shape)}]");
            tensors.Add(new NamedTensor(name, shape, SavedModel.Floats(stored)));
        }
        var weights = new LayerStackWeights(input, network, tensors);
        var rebuilt = LayerStackOnnxGraph.Build(weights, graph.Input[0].Name, graph.Output[0].Name, graph.Output[1].Name).Graph;
        for (int i = 0; i < Math.Max(rebuilt.Node.Count, graph.Node.Count); i++)
        {
            if (i >= graph.Node.Count) throw new InvalidDataException($"graph ends after {graph.Node.Count} nodes, expected {rebuilt.Node[i].OpType}");
            if (i >= rebuilt.Node.Count) throw new InvalidDataException($"{graph.Node.Count - i} nodes after the classifier's head, expected none");
            if (!rebuilt.Node[i].Equals(graph.Node[i]))
                throw new InvalidDataException($"node {i} ({graph.Node[i].Name}, {graph.Node[i].OpType}) differs from the " +
                    $"{rebuilt.Node[i].OpType} node {rebuilt.Node[i].Name} that layers {network} give");
        }
        return weights;
    }

    // What the trainer read the features as: the card's image shape (one channel for [rows, columns]), or a vector.
    private static ActivationShape InputShape(ModelCard card) => card.ImageShape switch
    {
        [var rows, var columns] when rows > 0 && columns > 0 => ActivationShape.Image(1, rows, columns),
        [var channels, var rows, var columns] when channels > 0 && rows > 0 && columns > 0 => ActivationShape.Image(channels, rows, columns),
        null => ActivationShape.Vector(card.FeatureSize),
        var other => throw new InvalidDataException($"model card image shape [{string.Join(",", other)}] is not rows x columns or channels x rows x columns"),
    };

    /// <summary>Every float parameter and buffer of the <c>nn.Sequential</c> <see cref="LayerStackModule"/> builds,
    /// by state_dict key, with its shape.</summary>
    private static IEnumerable<(string Name, long[] Shape)> ParameterShapes(ActivationShape input, LayerStack network)
    {
        var shapes = network.InferShapes(input, "features");
        var current = input;
        int offset = input.IsImage ? 1 : 0;   // module 0 is the nn.Unflatten
        for (int i = 0; i < network.Layers.Count; i++)
        {
            string key = $"{i + offset}.";
            switch (network.Layers[i])
            {
                case DenseLayer dense:
                    yield return (key + "weight", [dense.Units, current.Size]);
                    yield return (key + "bias", [dense.Units]);
                    break;
                case Conv2dLayer conv:
                    yield return (key + "weight", [conv.Filters, current.Channels, conv.Kernel, conv.Kernel]);
                    yield return (key + "bias", [conv.Filters]);
                    break;
                case BatchNormLayer:
                    foreach (var name in new[] { "weight", "bias", "running_mean", "running_var" })
                        yield return (key + name, [current.Channels]);
                    break;
            }
            current = shapes[i];
        }
    }
}
