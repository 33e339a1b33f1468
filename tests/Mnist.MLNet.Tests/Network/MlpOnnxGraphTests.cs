using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Mnist.MLNet.Tests.Network;

public class MlpOnnxGraphTests
{
    [Fact]
    public void ExportOnnx_InferenceSessionBatchOf64_MatchesReferenceForwardPass()
    {
        var weights = TestNetworks.Random();
        var label = TestNetworks.TrainLabelKey(new MLContext(seed: 0), out _);
        var transformer = new MlpTransformer(new MLContext(seed: 0), weights, "Features", label, []);
        var path = Path.Combine(Path.GetTempPath(), $"mlp-{Guid.NewGuid():N}.onnx");
        try
        {
            transformer.ExportOnnx(path);

            using var session = new InferenceSession(path);
            const int batch = 64;
            for (var start = 0; start < 1024; start += batch)
            {
                var input = new DenseTensor<float>([batch, 784]);
                for (var r = 0; r < batch; r++)
                    for (var p = 0; p < 784; p++) input[r, p] = TestNetworks.TestFeatures[start + r][p];
                using var results = session.Run([NamedOnnxValue.CreateFromTensor("Features", input)]);
                var score = results.Single(v => v.Name == "Score").AsTensor<float>();
                var index = results.Single(v => v.Name == "PredictedIndex").AsTensor<long>();

                Assert.Equal([batch, 10], score.Dimensions.ToArray());
                Assert.Equal([batch], index.Dimensions.ToArray());
                for (var r = 0; r < batch; r++)
                {
                    var expected = TestNetworks.Forward(weights, TestNetworks.TestFeatures[start + r]);
                    for (var k = 0; k < 10; k++) Assert.Equal(expected[k], score[r, k], 1e-5);
                    Assert.Equal(TestNetworks.ArgMax(expected), index[r]);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Export_ToPath_WritesSameBytesAndLeavesNoTemporaryFile()
    {
        var weights = TestNetworks.Random();
        var directory = Directory.CreateTempSubdirectory("mlp-onnx-").FullName;
        try
        {
            var path = Path.Combine(directory, "model.onnx");
            File.WriteAllText(path, "old contents");

            MlpOnnxGraph.Export(weights, path);

            Assert.Equal(MlpOnnxGraph.Export(weights), File.ReadAllBytes(path));
            Assert.Equal(["model.onnx"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Build_RandomNetwork_DeclaresOpset13AndSymbolicBatch()
    {
        var model = MlpOnnxGraph.Build(TestNetworks.Random());

        Assert.Equal(13, model.OpsetImport.Single().Version);
        Assert.Equal("N", model.Graph.Input.Single().Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(["Score", "PredictedIndex"], model.Graph.Output.Select(o => o.Name));
        Assert.Equal(["Gemm", "Relu", "Gemm", "Relu", "Gemm", "Softmax", "ArgMax"], model.Graph.Node.Select(n => n.OpType));
    }

    [Fact]
    public void Build_MismatchedLayers_ThrowsNamingLayer()
    {
        var good = TestNetworks.Random();
        var bad = new MlpWeights([good.Layers[0], good.Layers[2]]);

        var error = Assert.Throws<ArgumentException>(() => MlpOnnxGraph.Build(bad));

        Assert.Contains("layer 1", error.Message);
    }
}
