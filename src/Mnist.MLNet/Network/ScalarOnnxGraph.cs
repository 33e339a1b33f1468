using Onnx;

namespace Mnist.MLNet.Network;

/// <summary>ONNX graphs of the one-output networks: binary classification (logit and its sigmoid) and regression
/// (the standardised prediction mapped back to the label's units), on the same Gemm+Relu stack as multiclass.</summary>
internal static class ScalarOnnxGraph
{
    /// <summary>Default graph output: the logit (binary) or the prediction (regression), float [N, 1].</summary>
    public const string ScoreName = "Score";

    /// <summary>Default graph output of a binary model: the probability of true, float [N, 1].</summary>
    public const string ProbabilityName = "Probability";

    /// <summary>Outputs <paramref name="scoreName"/> (the logit) and <paramref name="probabilityName"/> (its sigmoid).</summary>
    public static ModelProto Binary(MlpWeights weights, string featuresName, string scoreName, string probabilityName, ModelCard card)
    {
        var graph = Start(weights, featuresName, card, out var logits);
        // Identity gives the logit its output name, leaving the layers' names the multiclass graph's.
        graph.Node.Add(MlpOnnxGraph.Node("Identity", "score", [logits], [scoreName]));
        graph.Node.Add(MlpOnnxGraph.Node("Sigmoid", "sigmoid", [logits], [probabilityName]));
        graph.Output.Add(MlpOnnxGraph.TensorValue(scoreName, TensorProto.Types.DataType.Float, 1));
        graph.Output.Add(MlpOnnxGraph.TensorValue(probabilityName, TensorProto.Types.DataType.Float, 1));
        return MlpOnnxGraph.Model(graph, card);
    }

    /// <summary>Outputs <paramref name="scoreName"/>: the network's output times the label's standard deviation, plus
    /// its mean, so the graph predicts in the label's own units.</summary>
    public static ModelProto Regression(MlpWeights weights, string featuresName, string scoreName, LabelScaling scaling, ModelCard card)
    {
        var graph = Start(weights, featuresName, card, out var standardised);
        graph.Initializer.Add(MlpOnnxGraph.FloatTensor("label.standard_deviation", [(float)scaling.StandardDeviation], 1));
        graph.Initializer.Add(MlpOnnxGraph.FloatTensor("label.mean", [(float)scaling.Mean], 1));
        graph.Node.Add(MlpOnnxGraph.Node("Mul", "unscale", [standardised, "label.standard_deviation"], ["label.scaled"]));
        graph.Node.Add(MlpOnnxGraph.Node("Add", "unshift", ["label.scaled", "label.mean"], [scoreName]));
        graph.Output.Add(MlpOnnxGraph.TensorValue(scoreName, TensorProto.Types.DataType.Float, 1));
        return MlpOnnxGraph.Model(graph, card);
    }

    private static GraphProto Start(MlpWeights weights, string featuresName, ModelCard card, out string output)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Layers.Count > 0 && weights.OutputSize != 1)
            throw new ArgumentException($"a network of {weights.OutputSize} outputs, expected 1", nameof(weights));
        if (card.FeatureSize != weights.InputSize)
            throw new ArgumentException($"model card of {card.FeatureSize} features, expected {weights.InputSize} (the network's)", nameof(card));
        var graph = new GraphProto { Name = "mlp" };
        output = MlpOnnxGraph.AddLayers(graph, weights, featuresName);
        return graph;
    }
}
