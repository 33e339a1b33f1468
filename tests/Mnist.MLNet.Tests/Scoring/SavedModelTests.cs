using Mnist.MLNet.Scoring;

namespace Mnist.MLNet.Tests.Scoring;

[Collection(LibTorchCollection.Name)]
public class SavedModelTests(SavedMnistModel saved) : IClassFixture<SavedMnistModel>
{
    [Fact]
    public void ReadWeights_SavedPipeline_EqualsTrainedWeights()
    {
        var weights = SavedModel.ReadWeights(saved.Path);

        Assert.Equal(saved.Weights.Layers.Count, weights.Layers.Count);
        for (int i = 0; i < weights.Layers.Count; i++)
        {
            Assert.Equal(saved.Weights.Layers[i].InputSize, weights.Layers[i].InputSize);
            Assert.Equal(saved.Weights.Layers[i].OutputSize, weights.Layers[i].OutputSize);
            Assert.Equal(saved.Weights.Layers[i].Weight, weights.Layers[i].Weight);
            Assert.Equal(saved.Weights.Layers[i].Bias, weights.Layers[i].Bias);
        }
    }

    [Fact]
    public void ReadWeights_TruncatedZip_ThrowsSavedModelExceptionNamingFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("truncated.zip");
        var bytes = File.ReadAllBytes(saved.Path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<SavedModelException>(() => SavedModel.ReadWeights(path));

        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ReadWeights_CorruptedEntry_ThrowsSavedModelException()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("corrupt.zip");
        var bytes = File.ReadAllBytes(saved.Path);
        // Flip bytes in the middle of the data: the big ONNX entry holds most of the file.
        for (int i = bytes.Length / 3; i < bytes.Length / 3 + 64; i++) bytes[i] ^= 0x5a;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<SavedModelException>(() => SavedModel.ReadWeights(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ReadWeights_ZipWithoutOnnxModel_ThrowsSavedModelException()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("other.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
            zip.CreateEntry("readme.txt");

        var e = Assert.Throws<SavedModelException>(() => SavedModel.ReadWeights(path));

        Assert.Contains("no ONNX graph", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void FromOnnx_ExportedGraph_RoundTrips()
    {
        var weights = TestNetworks.Random();

        var read = SavedModel.FromOnnx(OnnxExporter.Build(weights));

        Assert.Equal(weights.Layers.Select(l => l.Weight), read.Layers.Select(l => l.Weight));
        Assert.Equal(weights.Layers.Select(l => l.Bias), read.Layers.Select(l => l.Bias));
    }

    [Fact]
    public void FromOnnx_GraphWithoutSoftmax_ThrowsInvalidData()
    {
        var model = OnnxExporter.Build(TestNetworks.Random());
        model.Graph.Node.RemoveAt(model.Graph.Node.Count - 2);

        Assert.Throws<InvalidDataException>(() => SavedModel.FromOnnx(model));
    }
}
