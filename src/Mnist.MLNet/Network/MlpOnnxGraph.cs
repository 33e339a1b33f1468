using Google.Protobuf;
using Onnx;

namespace Mnist.MLNet.Network;

/// <summary>Turns <see cref="MlpWeights"/> into a self-contained ONNX model: Gemm+Relu per hidden layer, Softmax and ArgMax on top.</summary>
public static class MlpOnnxGraph
{
    /// <summary>Default graph input: float [N, InputSize].</summary>
    public const string FeaturesName = "Features";

    /// <summary>Graph output: class probabilities, float [N, classes].</summary>
    public const string ScoreName = "Score";

    /// <summary>Graph output: index of the most probable class, int64 [N].</summary>
    public const string PredictedIndexName = "PredictedIndex";

    // Opset 13: every op used here has had its final semantics since 13 (Softmax-13 normalises one axis instead
    // of flattening to 2-D; ArgMax, Gemm, Relu unchanged since), and ONNX Runtime has supported it since 1.7,
    // so 1.31 runs it and so do older runtimes a consumer may have. IR version 7 is the one that shipped with it.
    private const long OpsetVersion = 13;
    private const long IrVersion = 7;
    private const string BatchDimension = "N";

    /// <summary>The producer named in the graph and in model cards.</summary>
    public const string ProducerName = "Mnist.MLNet";

    /// <summary>This library's version, as graphs and model cards record it.</summary>
    public static string ProducerVersion { get; } =
        typeof(MlpOnnxGraph).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Serialises the ONNX model of <paramref name="weights"/>, with <paramref name="card"/> as its metadata.</summary>
    public static byte[] Export(MlpWeights weights, ModelCard? card = null) => Build(weights, card: card).ToByteArray();

    /// <summary>Writes the ONNX model of <paramref name="weights"/> to <paramref name="path"/>, all or nothing.</summary>
    public static void Export(MlpWeights weights, string path, ModelCard? card = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, Export(weights, card));
    }

    /// <summary>Builds the ONNX <see cref="ModelProto"/> of <paramref name="weights"/>; <paramref name="card"/>, when
    /// given, goes into <c>metadata_props</c>.</summary>
    public static ModelProto Build(MlpWeights weights, string featuresName = FeaturesName,
        string scoreName = ScoreName, string predictedIndexName = PredictedIndexName, ModelCard? card = null)
    {
        Validate(weights);
        ArgumentException.ThrowIfNullOrEmpty(featuresName);
        ArgumentException.ThrowIfNullOrEmpty(scoreName);
        ArgumentException.ThrowIfNullOrEmpty(predictedIndexName);

        var graph = new GraphProto { Name = "mlp" };
        var logits = AddLayers(graph, weights, featuresName);
        return ClassifierModel(graph, logits, weights.InputSize, weights.OutputSize, scoreName, predictedIndexName, card);
    }

    /// <summary>Adds Softmax and ArgMax over <paramref name="logits"/> (float [N, <paramref name="outputs"/>]) as the
    /// graph's outputs and wraps it in a model with <paramref name="card"/>, which must describe the network.</summary>
    internal static ModelProto ClassifierModel(GraphProto graph, string logits, int inputSize, int outputs,
        string scoreName, string predictedIndexName, ModelCard? card)
    {
        ArgumentException.ThrowIfNullOrEmpty(scoreName);
        ArgumentException.ThrowIfNullOrEmpty(predictedIndexName);
        graph.Node.Add(Node("Softmax", "softmax", [logits], [scoreName], IntAttribute("axis", 1)));
        // ArgMax of the logits, not the probabilities: same index, and it does not wait for Softmax.
        graph.Node.Add(Node("ArgMax", "argmax", [logits], [predictedIndexName],
            IntAttribute("axis", 1), IntAttribute("keepdims", 0)));
        graph.Output.Add(TensorValue(scoreName, TensorProto.Types.DataType.Float, outputs));
        graph.Output.Add(TensorValue(predictedIndexName, TensorProto.Types.DataType.Int64));

        if (card is not null && (card.FeatureSize != inputSize || card.ClassLabels.Count != outputs))
            throw new ArgumentException($"model card of {card.FeatureSize} features and {card.ClassLabels.Count} classes, " +
                $"expected {inputSize} and {outputs} (the network's)", nameof(card));
        return Model(graph, card);
    }

    /// <summary>Adds the graph input and the Gemm+Relu stack of <paramref name="weights"/>; returns the name of the
    /// last layer's output (the logits, float [N, OutputSize]).</summary>
    internal static string AddLayers(GraphProto graph, MlpWeights weights, string featuresName)
    {
        Validate(weights);
        ArgumentException.ThrowIfNullOrEmpty(featuresName);
        graph.Input.Add(TensorValue(featuresName, TensorProto.Types.DataType.Float, weights.InputSize));
        var current = featuresName;
        for (var i = 0; i < weights.Layers.Count; i++)
        {
            var layer = weights.Layers[i];
            var weight = $"layer{i}.weight";
            var bias = $"layer{i}.bias";
            graph.Initializer.Add(FloatTensor(weight, layer.Weight, layer.OutputSize, layer.InputSize));
            graph.Initializer.Add(FloatTensor(bias, layer.Bias, layer.OutputSize));
            var isLast = i == weights.Layers.Count - 1;
            var gemmOut = isLast ? "logits" : $"layer{i}.linear";
            // transB=1: the weight stays in nn.Linear's [out, in] layout, no transposed copy.
            graph.Node.Add(Node("Gemm", $"layer{i}.gemm", [current, weight, bias], [gemmOut], IntAttribute("transB", 1)));
            current = gemmOut;
            if (!isLast)
            {
                var reluOut = $"layer{i}.relu";
                graph.Node.Add(Node("Relu", $"layer{i}.relu", [current], [reluOut]));
                current = reluOut;
            }
        }
        return current;
    }

    /// <summary>Wraps <paramref name="graph"/> in a model of this exporter's opset, with <paramref name="card"/>
    /// (when given) in <c>metadata_props</c>.</summary>
    internal static ModelProto Model(GraphProto graph, ModelCard? card)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion,
            Graph = graph,
        };
        if (card is not null)
        {
            // Sorted by key, so the same card always serialises to the same bytes.
            foreach (var (key, value) in card.ToMetadata().OrderBy(p => p.Key, StringComparer.Ordinal))
                model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model;
    }


    private static void Validate(MlpWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Layers.Count == 0)
            throw new ArgumentException("MLP has no layers (expected at least one)", nameof(weights));
        for (var i = 0; i < weights.Layers.Count; i++)
        {
            var layer = weights.Layers[i];
            if (layer.InputSize <= 0 || layer.OutputSize <= 0)
                throw new ArgumentException($"layer {i}: sizes {layer.OutputSize}x{layer.InputSize} must be positive", nameof(weights));
            if (layer.Weight.Length != layer.OutputSize * layer.InputSize)
                throw new ArgumentException(
                    $"layer {i}: weight holds {layer.Weight.Length} values, expected {layer.OutputSize}x{layer.InputSize}", nameof(weights));
            if (layer.Bias.Length != layer.OutputSize)
                throw new ArgumentException($"layer {i}: bias holds {layer.Bias.Length} values, expected {layer.OutputSize}", nameof(weights));
            if (i > 0 && layer.InputSize != weights.Layers[i - 1].OutputSize)
                throw new ArgumentException(
                    $"layer {i}: input size {layer.InputSize}, expected layer {i - 1}'s output size {weights.Layers[i - 1].OutputSize}", nameof(weights));
        }
    }

    internal static ValueInfoProto TensorValue(string name, TensorProto.Types.DataType type, params int[] trailingDims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (var dim in trailingDims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    internal static TensorProto FloatTensor(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        // raw_data is little-endian by the ONNX spec; copying the span is exact on the little-endian hosts .NET runs on.
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return tensor;
    }

    internal static NodeProto Node(string opType, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    internal static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
}
