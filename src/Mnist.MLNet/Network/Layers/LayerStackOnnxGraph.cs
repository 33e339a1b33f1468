using Google.Protobuf;
using Onnx;

namespace Mnist.MLNet.Network.Layers;

/// <summary>Turns <see cref="LayerStackWeights"/> into a self-contained ONNX classifier: Reshape to the image, then
/// Conv, BatchNormalization, Relu, MaxPool, Flatten and Gemm per layer, Softmax and ArgMax on top (the MLP graph's
/// outputs, so the same scoring chain reads it).</summary>
/// <remarks>Opset 13, as <see cref="MlpOnnxGraph"/>: Conv, MaxPool and BatchNormalization (inference form, one
/// output) have their present semantics there. Dropout is left out: it is the identity when scoring.</remarks>
public static class LayerStackOnnxGraph
{
    /// <summary>Serialises the ONNX model of <paramref name="weights"/>, with <paramref name="card"/> as its metadata.</summary>
    public static byte[] Export(LayerStackWeights weights, ModelCard? card = null) => Build(weights, card: card).ToByteArray();

    /// <summary>Writes the ONNX model of <paramref name="weights"/> to <paramref name="path"/>, all or nothing.</summary>
    public static void Export(LayerStackWeights weights, string path, ModelCard? card = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, Export(weights, card));
    }

    /// <summary>Builds the ONNX <see cref="ModelProto"/> of <paramref name="weights"/>: input float [N, InputSize]
    /// named <paramref name="featuresName"/>, outputs class probabilities and the arg-max index.</summary>
    public static ModelProto Build(LayerStackWeights weights, string featuresName = MlpOnnxGraph.FeaturesName,
        string scoreName = MlpOnnxGraph.ScoreName, string predictedIndexName = MlpOnnxGraph.PredictedIndexName, ModelCard? card = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentException.ThrowIfNullOrEmpty(featuresName);
        var graph = new GraphProto { Name = "layer_stack" };
        var logits = AddLayers(graph, weights, featuresName);
        return MlpOnnxGraph.ClassifierModel(graph, logits, weights.InputSize, weights.OutputSize, scoreName, predictedIndexName, card);
    }

    /// <summary>Adds the graph input and every layer; returns the name of the logits (float [N, OutputSize]).</summary>
    internal static string AddLayers(GraphProto graph, LayerStackWeights weights, string featuresName)
    {
        graph.Input.Add(MlpOnnxGraph.TensorValue(featuresName, TensorProto.Types.DataType.Float, weights.InputSize));
        var current = featuresName;
        if (weights.Input.IsImage)
        {
            var input = weights.Input;
            graph.Initializer.Add(Int64Tensor("image_shape", -1, input.Channels, input.Rows, input.Columns));
            graph.Node.Add(MlpOnnxGraph.Node("Reshape", "image", [current, "image_shape"], ["image"]));
            current = "image";
        }
        var layers = weights.Network.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            int index = weights.ModuleIndex(i);
            string output = i == layers.Count - 1 ? "logits" : $"{index}.{layers[i].Token}";
            current = AddLayer(graph, weights, layers[i], index, current, output);
        }
        return current;
    }

    // Adds one layer reading `input`; returns the name of its output (the input itself for dropout).
    private static string AddLayer(GraphProto graph, LayerStackWeights weights, LayerSpec layer, int index, string input, string output)
    {
        string Initializer(string parameter)
        {
            var named = weights.Tensor($"{index}.{parameter}");
            graph.Initializer.Add(MlpOnnxGraph.FloatTensor(named.Name, named.Values, [.. named.Shape]));
            return named.Name;
        }
        var name = $"{index}.{layer.Token}";
        NodeProto node;
        switch (layer)
        {
            case DropoutLayer:
                return input;
            case DenseLayer:
                // transB=1: the weight stays in nn.Linear's [out, in] layout.
                node = MlpOnnxGraph.Node("Gemm", name, [input, Initializer("weight"), Initializer("bias")], [output],
                    MlpOnnxGraph.IntAttribute("transB", 1));
                break;
            case Conv2dLayer conv:
                node = MlpOnnxGraph.Node("Conv", name, [input, Initializer("weight"), Initializer("bias")], [output],
                    Ints("kernel_shape", conv.Kernel, conv.Kernel), Ints("strides", conv.Stride, conv.Stride),
                    Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding));
                break;
            case MaxPoolLayer pool:
                node = MlpOnnxGraph.Node("MaxPool", name, [input], [output],
                    Ints("kernel_shape", pool.Size, pool.Size), Ints("strides", pool.Stride, pool.Stride));
                break;
            case FlattenLayer:
                node = MlpOnnxGraph.Node("Flatten", name, [input], [output], MlpOnnxGraph.IntAttribute("axis", 1));
                break;
            case BatchNormLayer:
                // The running statistics: the graph scores as PyTorch's eval() does. Works on [N, C] and [N, C, H, W].
                node = MlpOnnxGraph.Node("BatchNormalization", name,
                    [input, Initializer("weight"), Initializer("bias"), Initializer("running_mean"), Initializer("running_var")], [output],
                    new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = (float)BatchNormLayer.Epsilon });
                break;
            case ReluLayer:
                node = MlpOnnxGraph.Node("Relu", name, [input], [output]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(layer), layer, "Unknown layer type.");
        }
        graph.Node.Add(node);
        return output;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static TensorProto Int64Tensor(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }
}
