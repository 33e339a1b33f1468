using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mnist.MLNet.Network.Layers;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Mnist.MLNet.Tests.Network.Layers;

[Collection(LibTorchCollection.Name)]
public class LayerStackExportTests(ITestOutputHelper output)
{
    private const int Rows = 16, Classes = 5;
    private static readonly ActivationShape Input = ActivationShape.Image(2, 12, 12);
    private static readonly LayerStack Network =
        LayerStack.Parse("conv6k3p1,bn,pool2,conv8k3s2,drop0.2,dense12,bn").ForNetwork(Input, Classes, "Features");

    [Fact]
    public void Export_OnnxRuntime_ScoresAsTheTorchSharpModuleInEvalMode()
    {
        var (weights, features, expected) = TrainedLikeNetwork();

        using var session = new InferenceSession(LayerStackOnnxGraph.Export(weights));
        var input = new DenseTensor<float>(features, [Rows, Input.Size]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(MlpOnnxGraph.FeaturesName, input)]);
        var score = results.Single(v => v.Name == MlpOnnxGraph.ScoreName).AsTensor<float>();
        var index = results.Single(v => v.Name == MlpOnnxGraph.PredictedIndexName).AsTensor<long>();

        Assert.Equal([Rows, Classes], score.Dimensions.ToArray());
        for (int r = 0; r < Rows; r++)
        {
            for (int k = 0; k < Classes; k++) Assert.Equal(expected[r * Classes + k], score[r, k], 1e-5);
            Assert.Equal(expected.AsSpan(r * Classes, Classes).IndexOf(expected.AsSpan(r * Classes, Classes).ToArray().Max()), index[r]);
        }
    }

    [Fact]
    public void Export_WithCard_MetadataRecordsTheLayers()
    {
        var (weights, _, _) = TrainedLikeNetwork();
        var card = new ModelCard
        {
            FormatVersion = ModelCard.CurrentFormatVersion, Producer = MlpOnnxGraph.ProducerName, ProducerVersion = MlpOnnxGraph.ProducerVersion,
            FeatureColumnName = "Features", FeatureSize = Input.Size, ImageShape = [2, 12, 12], LabelColumnName = "Label",
            LabelType = "UInt32", ClassLabels = ["a", "b", "c", "d", "e"], ScoreColumnName = "Score", PredictedLabelColumnName = "PredictedLabel",
            TrainingOptions = new Dictionary<string, string> { ["Layers"] = weights.Network.ToString() },
        };

        var model = LayerStackOnnxGraph.Build(weights, card: card);

        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        var read = ModelCard.FromMetadata(metadata, "test");
        Assert.Equal(Network.ToString(), read.TrainingOptions["Layers"]);
        Assert.Equal([2, 12, 12], read.ImageShape);
        Assert.Equal(["Reshape", "Conv", "BatchNormalization", "Relu", "MaxPool", "Conv", "Relu", "Flatten", "Gemm", "BatchNormalization",
            "Relu", "Gemm", "Softmax", "ArgMax"], model.Graph.Node.Select(n => n.OpType));
    }

    /// <summary>Runs tests/python/check_layer_stack_export.py: the ONNX checker (full check), and the state_dict in
    /// the equivalent torch.nn.Sequential of Debian's PyTorch, predicting as .NET does.</summary>
    [Fact]
    public void Export_PythonCheck_OnnxCheckerAndPyTorchSequentialMatchDotNet()
    {
        if (!PythonCheck.CanRun(output, "torch, onnx, numpy")) return;
        var (weights, features, expected) = TrainedLikeNetwork();
        using var dir = new TempDirectory();
        var (pt, onnx, inputs, probabilities) = (dir.Combine("net.pt"), dir.Combine("net.onnx"), dir.Combine("x.f32"), dir.Combine("p.f32"));
        LayerStackPyTorchExporter.Export(weights, pt);
        LayerStackOnnxGraph.Export(weights, onnx);
        File.WriteAllBytes(inputs, MemoryMarshal.AsBytes(features.AsSpan()).ToArray());
        File.WriteAllBytes(probabilities, MemoryMarshal.AsBytes(expected.AsSpan()).ToArray());

        PythonCheck.AssertPasses(output, 4, "check_layer_stack_export.py", pt, onnx, weights.Network.ToString(), "2,12,12", inputs, probabilities);
    }

    [Fact]
    public void Read_ExportedStateDict_GivesTheSameWeights()
    {
        var (weights, _, _) = TrainedLikeNetwork();
        using var dir = new TempDirectory();
        LayerStackPyTorchExporter.Export(weights, dir.Combine("net.pt"));

        var read = LayerStackPyTorchExporter.Read(dir.Combine("net.pt"), weights with { Tensors = [.. weights.Tensors.Select(t => t with { Values = new float[t.Values.Length] })] });

        foreach (var tensor in weights.Tensors) Assert.Equal(tensor.Values, read.Tensor(tensor.Name).Values);
    }

    // Weights with batch-norm statistics moved off their start, random features, and the module's eval-mode probabilities.
    private static (LayerStackWeights Weights, float[] Features, float[] Probabilities) TrainedLikeNetwork()
    {
        TorchRuntime.EnsureInitialized();
        return TorchRuntime.RunExclusive(() =>
        {
            torch.manual_seed(11);
            using var module = LayerStackModule.Create(Input, Network);
            using var scope = NewDisposeScope();
            module.train();
            for (int i = 0; i < 3; i++) module.forward(torch.randn(32, Input.Size) * 2 + 0.5);
            module.eval();
            var x = torch.rand(Rows, Input.Size);
            using var _ = no_grad();
            var probabilities = nn.functional.softmax(module.forward(x), 1);
            return (LayerStackModule.ToWeights(module, Input, Network), x.data<float>().ToArray(), probabilities.data<float>().ToArray());
        });
    }
}
