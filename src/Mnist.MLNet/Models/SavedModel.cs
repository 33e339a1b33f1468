using Onnx;
using Mnist.MLNet.Network;
using Mnist.MLNet.Network.Layers;

namespace Mnist.MLNet.Models;

/// <summary>Reads the network back out of a model zip saved by <c>mlContext.Model.Save</c>, straight from the file:
/// a multiclass, binary or regression MLP, or a layer stack (<see cref="SavedLayerStack"/>), as its card says.</summary>
/// <remarks>The MLP's part of a saved model is an ML.NET <c>OnnxTransformer</c> holding the graph
/// <see cref="MlpOnnxGraph"/> built, with the model card as its metadata; the card says the graph is ours and what
/// shape it has, and the graph's initializers are the weights. No TorchSharp, no loading of the model.</remarks>
public static class SavedModel
{
    /// <summary>Reads the MLP's weights and card from the saved model <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">The file is not a (complete) model zip holding such a network, or it holds
    /// a layer stack (read that with <see cref="ReadModel"/>).</exception>
    public static (MlpWeights Weights, ModelCard Card) Read(string path)
    {
        var model = ReadModel(path);
        if (model.LayerStack is not null)
            throw new SavedModelException(Path.GetFullPath(path), $"the model is a layer stack ({model.Card.TrainingOptions[SavedLayerStack.LayersKey]}), " +
                "not an MLP: read it with SavedModel.ReadModel");
        return (model.Weights, model.Card);
    }

    /// <summary>Reads the network of the saved model <paramref name="path"/>, an MLP or a layer stack, with its card.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">The file is not a (complete) model zip holding such a network.</exception>
    public static MlpModelParameters ReadModel(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        return Read(SavedGraph.Read(full), full).Model;
    }

    /// <summary>The network and card of <paramref name="graph"/>, the graph with a card from the saved model
    /// <paramref name="source"/>, checked against each other.</summary>
    internal static (MlpModelParameters Model, ModelProto Graph) Read(ModelProto graph, string source)
    {
        var card = ModelCard.FromMetadata(SavedGraph.Metadata(graph), source);
        if (SavedLayerStack.Describes(card))
        {
            if (card.Task != MlpTask.MulticlassClassification)
                throw new SavedModelException(source, $"the model card describes a {Describe(card.Task)} layer stack; layer stacks are multiclass");
            LayerStackWeights layers;
            try
            {
                layers = SavedLayerStack.FromOnnx(graph, card);
            }
            catch (InvalidDataException e)
            {
                throw new SavedModelException(source, $"the stored ONNX graph is not the layer stack its model card describes: {e.Message}", e);
            }
            CheckSize(source, card, layers.InputSize, layers.OutputSize);
            return (new MlpModelParameters(layers, card), graph);
        }
        MlpWeights weights;
        try
        {
            weights = FromOnnx(graph, card.Task);
        }
        catch (InvalidDataException e)
        {
            throw new SavedModelException(source, $"the stored ONNX graph is not the {Describe(card.Task)} network Mnist.MLNet builds: {e.Message}", e);
        }
        CheckSize(source, card, weights.InputSize, weights.OutputSize);
        return (new MlpModelParameters(weights, card), graph);
    }

    // A graph that parses may still not be the network its card describes (an edited zip, say).
    private static void CheckSize(string source, ModelCard card, int networkInputs, int networkOutputs)
    {
        int outputs = card.Task == MlpTask.MulticlassClassification ? card.ClassLabels.Count : 1;
        if (networkInputs != card.FeatureSize || networkOutputs != outputs)
            throw new SavedModelException(source, $"the network takes {networkInputs} features to {networkOutputs} outputs, " +
                $"but its card says {card.FeatureSize} and {outputs}");
    }

    /// <summary>Reads the network's weights from the saved model <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">The file is not a (complete) model zip holding such a network.</exception>
    public static MlpWeights ReadWeights(string path) => Read(path).Weights;

    /// <summary>Rebuilds the weights from an ONNX model <see cref="MlpOnnxGraph"/> built, checking it is that graph.</summary>
    /// <exception cref="InvalidDataException">The graph is a different one; the message says where it differs.</exception>
    public static MlpWeights FromOnnx(ModelProto model) => FromOnnx(model, MlpTask.MulticlassClassification);

    /// <summary>Rebuilds the weights from the graph of a <paramref name="task"/> model: the Gemm/Relu layers, then the
    /// task's head (Softmax and ArgMax; the logit and its Sigmoid; the prediction scaled back to the label's units).</summary>
    /// <exception cref="InvalidDataException">The graph is a different one; the message says where it differs.</exception>
    internal static MlpWeights FromOnnx(ModelProto model, MlpTask task)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph ?? throw new InvalidDataException("no graph");
        if (graph.Input.Count != 1) throw new InvalidDataException($"{graph.Input.Count} inputs, expected 1");
        var nodes = graph.Node;
        int n = 0;
        var (layers, output) = ReadLayers(graph, ref n);
        switch (task)
        {
            case MlpTask.MulticlassClassification:
                var softmax = Expect(nodes, n++, "Softmax", output);
                if (IntAttribute(softmax, "axis", -1) is not (1 or -1))
                    throw new InvalidDataException($"node {softmax.Name}: expected axis 1");
                var argmax = Expect(nodes, n++, "ArgMax", output);
                if (IntAttribute(argmax, "axis", 0) != 1)
                    throw new InvalidDataException($"node {argmax.Name}: expected axis 1");
                break;
            case MlpTask.BinaryClassification:
                // The score is the logit itself, or less the logit of a decision threshold other than one half.
                string scoreOp = n < nodes.Count && nodes[n].OpType == "Sub" ? "Sub" : "Identity";
                Expect(nodes, n++, scoreOp, output);
                Expect(nodes, n++, "Sigmoid", output);
                break;
            case MlpTask.Regression:
                var scaled = Expect(nodes, n++, "Mul", output);
                Expect(nodes, n++, "Add", scaled.Output[0]);
                break;
            default:
                throw new InvalidDataException($"task {task} has no graph");
        }
        if (n != nodes.Count) throw new InvalidDataException($"{nodes.Count - n} nodes after the {Describe(task)} head, expected none");
        return new MlpWeights(layers);
    }

    // The Gemm(+Relu) stack from the graph's input; returns the layers and the name of the last layer's output.
    private static (List<LinearLayer> Layers, string Output) ReadLayers(GraphProto graph, ref int n)
    {
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var nodes = graph.Node;
        var current = graph.Input[0].Name;
        var layers = new List<LinearLayer>();
        while (true)
        {
            var gemm = Expect(nodes, n++, "Gemm", current);
            if (gemm.Input.Count != 3) throw new InvalidDataException($"node {gemm.Name}: {gemm.Input.Count} inputs, expected 3");
            if (IntAttribute(gemm, "transB", 0) != 1 || IntAttribute(gemm, "transA", 0) != 0
                || FloatAttribute(gemm, "alpha", 1f) != 1f || FloatAttribute(gemm, "beta", 1f) != 1f)
                throw new InvalidDataException($"node {gemm.Name}: expected transB=1, transA=0, alpha=beta=1");
            var weight = Tensor(initializers, gemm.Input[1], 2);
            var bias = Tensor(initializers, gemm.Input[2], 1);
            int output = (int)weight.Dims[0], input = (int)weight.Dims[1];
            if (bias.Dims[0] != output)
                throw new InvalidDataException($"bias {bias.Name} has {bias.Dims[0]} values, expected {output}");
            if (layers.Count > 0 && layers[^1].OutputSize != input)
                throw new InvalidDataException($"weight {weight.Name} takes {input} inputs, expected {layers[^1].OutputSize}");
            layers.Add(new LinearLayer(input, output, Floats(weight), Floats(bias)));
            current = gemm.Output[0];
            if (n < nodes.Count && nodes[n].OpType == "Relu")
            {
                current = Expect(nodes, n++, "Relu", current).Output[0];
                continue;
            }
            return (layers, current);
        }
    }

    private static string Describe(MlpTask task) => task switch
    {
        MlpTask.MulticlassClassification => "multiclass",
        MlpTask.BinaryClassification => "binary",
        _ => "regression",
    };

    private static NodeProto Expect(IList<NodeProto> nodes, int index, string opType, string input)
    {
        if (index >= nodes.Count) throw new InvalidDataException($"graph ends after {nodes.Count} nodes, expected {opType}");
        var node = nodes[index];
        if (node.OpType != opType) throw new InvalidDataException($"node {index} ({node.Name}) is {node.OpType}, expected {opType}");
        if (node.Input.Count == 0 || node.Input[0] != input)
            throw new InvalidDataException($"node {index} ({node.Name}) reads '{(node.Input.Count == 0 ? "" : node.Input[0])}', expected '{input}'");
        if (node.Output.Count == 0) throw new InvalidDataException($"node {index} ({node.Name}) has no output");
        return node;
    }

    internal static TensorProto Tensor(Dictionary<string, TensorProto> initializers, string name, int rank)
    {
        if (!initializers.TryGetValue(name, out var tensor)) throw new InvalidDataException($"'{name}' is not an initializer");
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"initializer {name} has data type {tensor.DataType}, expected float ({(int)TensorProto.Types.DataType.Float})");
        if (tensor.Dims.Count != rank || tensor.Dims.Any(d => d <= 0))
            throw new InvalidDataException($"initializer {name} has shape [{string.Join(",", tensor.Dims)}], expected rank {rank}");
        return tensor;
    }

    internal static float[] Floats(TensorProto tensor)
    {
        long count = tensor.Dims.Aggregate(1L, (a, b) => a * b);
        float[] values;
        if (!tensor.RawData.IsEmpty)
        {
            if (tensor.RawData.Length != count * sizeof(float))
                throw new InvalidDataException($"initializer {tensor.Name} holds {tensor.RawData.Length} bytes, expected {count * sizeof(float)}");
            values = new float[count];
            // raw_data is little-endian by the ONNX spec, as the hosts .NET runs on.
            tensor.RawData.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            if (tensor.FloatData.Count != count)
                throw new InvalidDataException($"initializer {tensor.Name} holds {tensor.FloatData.Count} values, expected {count}");
            values = tensor.FloatData.ToArray();
        }
        return values;
    }

    private static long IntAttribute(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

    private static float FloatAttribute(NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : fallback;
}
