using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mnist.MLNet.Network.Layers;

namespace Mnist.MLNet.Tests.Models;

/// <summary>A saved layer stack reads back: as its prediction transformer (scores, weights, card, PFI), as a digit
/// classifier, and as ONNX and PyTorch exports in class order.</summary>
[Collection(LibTorchCollection.Name)]
public class LayerStackLoadingTests(SavedConvModel saved) : IClassFixture<SavedConvModel>
{
    [Fact]
    public void LoadWithMlp_ConvStack_ScoresAndWeighsAsTheFittedModel()
    {
        var loaded = new MLContext(seed: 2).Model.LoadWithMlp(saved.Path, out var inputSchema);

        var stack = Assert.Single(loaded.OfType<MlpTransformer>());
        Assert.NotNull(inputSchema.GetColumnOrNull("Features"));
        Assert.Equal(saved.Fitted.Card.ToMetadata(), stack.Card.ToMetadata());
        var (fitted, read) = (saved.Fitted.Model.LayerStack!, stack.Model.LayerStack!);
        Assert.Equal(fitted.Network, read.Network);
        Assert.Equal(fitted.Input, read.Input);
        Assert.Equal(fitted.Tensors.Select(t => t.Name).Order(), read.Tensors.Select(t => t.Name).Order());
        foreach (var tensor in fitted.Tensors)
        {
            Assert.Equal(tensor.Shape, read.Tensor(tensor.Name).Shape);
            Assert.Equal(tensor.Values, read.Tensor(tensor.Name).Values);
        }
        var scored = loaded.Transform(saved.Test);
        Assert.Equal(saved.TestScores, scored.GetColumn<float[]>("Score").ToArray());
        Assert.Equal(saved.TestPredictions, scored.GetColumn<uint>("PredictedLabel").ToArray());
    }

    /// <summary>PFI finds the loaded stack through <c>ISingleFeaturePredictionTransformer</c>: pixels that are blank in
    /// every image change nothing when shuffled, the centre's do.</summary>
    [Fact]
    public void PermutationFeatureImportance_LoadedConvStack_BlankCornerNothingCentreSomething()
    {
        var ml = new MLContext(seed: 2);
        var loaded = ml.Model.LoadWithMlp(saved.Path, out _);
        var stack = loaded.OfType<MlpTransformer>().Single();
        var rows = ml.Data.TakeRows(saved.Test, 100);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(rows).Transform(rows);

        var importance = ml.MulticlassClassification.PermutationFeatureImportance(stack, keyed, permutationCount: 1);

        Assert.Equal(784, importance.Length);
        Assert.Equal(0, importance[0].LogLoss.Mean);   // pixel (0, 0) is blank in every MNIST image
        double centre = Enumerable.Range(10, 8).SelectMany(r => Enumerable.Range(10, 8).Select(c => r * 28 + c))
            .Sum(i => Math.Abs(importance[i].LogLoss.Mean));
        Assert.True(centre > 0, "shuffling the centre pixels changed nothing");
    }

    [Fact]
    public void ReadModel_GraphUnlikeItsCardsLayers_ThrowsSavedModelExceptionNamingTheNode()
    {
        var graph = LayerStackOnnxGraph.Build(saved.Fitted.Model.LayerStack!, card: saved.Fitted.Card);
        var pool = graph.Graph.Node.First(n => n.OpType == "MaxPool");
        var strides = pool.Attribute.Single(a => a.Name == "strides");
        strides.Ints.Clear();
        strides.Ints.AddRange([1L, 1L]);

        var e = Assert.Throws<SavedModelException>(() => SavedModel.Read(graph, "tampered.zip"));

        Assert.Contains("tampered.zip", e.Message);
        Assert.Contains("not the layer stack its model card describes", e.Message);
        Assert.Contains($"({pool.Name}, MaxPool) differs", e.Message);
    }

    [Fact]
    public void ExportOnnx_ConvStack_ScoresDigitsInClassOrder()
    {
        using var dir = new TempDirectory();

        var path = Export(dir, "conv.onnx", (classifier, file) => classifier.ExportOnnx(file));

        using var session = new InferenceSession(path);
        var features = saved.Test.GetColumn<float[]>("Features").Take(20).ToArray();
        var input = new DenseTensor<float>(features.SelectMany(f => f).ToArray(), [features.Length, 784]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Features", input)]);
        var score = results.First(r => r.Name == "Score").AsTensor<float>();
        var slots = saved.Fitted.Card.NumericClassSlots()!;
        for (int r = 0; r < features.Length; r++)
            for (int digit = 0; digit < 10; digit++)
                Assert.Equal(saved.TestScores[r][slots[digit]], score[r, digit], 1e-5f);
    }

    [Fact]
    public void ExportPyTorch_ConvStack_StateDictReadsBackInClassOrder()
    {
        using var dir = new TempDirectory();

        var path = Export(dir, "conv.pt", (classifier, file) => classifier.ExportPyTorch(file));

        var stack = saved.Fitted.Model.LayerStack!;
        var read = LayerStackPyTorchExporter.Read(path, stack);
        int output = stack.ModuleIndex(stack.Network.Layers.Count - 1);
        var slots = saved.Fitted.Card.NumericClassSlots()!;
        var (bias, readBias) = (stack.Tensor($"{output}.bias").Values, read.Tensor($"{output}.bias").Values);
        Assert.Equal(slots.Select(s => bias[s]), readBias);
        Assert.Equal(stack.Tensor("1.weight").Values, read.Tensor("1.weight").Values);
    }

    // The saved model, loaded as a digit classifier, exported by export to fileName in directory; returns the file.
    private string Export(TempDirectory directory, string fileName, Action<DigitClassifier, string> export)
    {
        var path = directory.Combine(fileName);
        export(DigitClassifier.Load(saved.Path), path);
        return path;
    }
}
