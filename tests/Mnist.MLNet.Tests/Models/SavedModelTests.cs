namespace Mnist.MLNet.Tests.Models;

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
        // Zero a stretch in the middle of the ONNX entry's compressed data (found through its local header, since the
        // entries around it vary in size with the model card): deflate cannot read a run of zero bytes as a block.
        var (start, length) = EntryData(bytes, "OnnxModel");
        Array.Clear(bytes, start + length / 2, Math.Min(4096, length / 4));
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

        var read = SavedModel.FromOnnx(MlpOnnxGraph.Build(weights));

        Assert.Equal(weights.Layers.Select(l => l.Weight), read.Layers.Select(l => l.Weight));
        Assert.Equal(weights.Layers.Select(l => l.Bias), read.Layers.Select(l => l.Bias));
    }

    [Fact]
    public void FromOnnx_GraphWithoutSoftmax_ThrowsInvalidData()
    {
        var model = MlpOnnxGraph.Build(TestNetworks.Random());
        model.Graph.Node.RemoveAt(model.Graph.Node.Count - 2);

        Assert.Throws<InvalidDataException>(() => SavedModel.FromOnnx(model));
    }

    /// <summary>Where the named entry's stored bytes lie in a zip, read from its local file header.</summary>
    private static (int Start, int Length) EntryData(byte[] zip, string entryName)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(entryName);
        for (int i = 0; i + 30 < zip.Length; i++)
        {
            if (BitConverter.ToUInt32(zip, i) != 0x04034b50) continue;   // "PK\x03\x04"
            int nameLength = BitConverter.ToUInt16(zip, i + 26), extraLength = BitConverter.ToUInt16(zip, i + 28);
            var entry = zip.AsSpan(i + 30, nameLength);
            if (!entry.EndsWith(name)) continue;
            int compressedSize = BitConverter.ToInt32(zip, i + 18);
            Assert.True(compressedSize > 0, $"{entryName}: the local header gives no size");
            return (i + 30 + nameLength + extraLength, compressedSize);
        }
        throw new Xunit.Sdk.XunitException($"no entry named {entryName} in the zip");
    }
}
