namespace Mnist.MLNet.Tests.Reliability;

/// <summary>Model files survive a killed save, and damaged ones are refused with the file named.</summary>
public class ModelFileTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 0);
    private readonly string _directory = Directory.CreateTempSubdirectory("mnist-modelfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string SaveCentroidModel(string name)
    {
        var label = TestNetworks.TrainLabelKey(_ml, out var toKey);
        var mlp = new MlpTransformer(_ml, TestNetworks.Centroids(TestNetworks.KeyValues(label)), "Features", label, []);
        var model = new TransformerChain<ITransformer>(toKey, mlp);
        var path = Path.Combine(_directory, name);
        _ml.Model.SaveAtomically(model, _ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test).Schema, path);
        return path;
    }

    [Fact]
    public async Task SaveAtomically_ProcessKilledMidSave_PreviousFileStillLoads()
    {
        var source = SaveCentroidModel("source.zip");
        var target = Path.Combine(_directory, "served.zip");
        File.Copy(source, target);
        var app = Path.Combine(AppContext.BaseDirectory.Replace("Mnist.MLNet.Tests", "Mnist.ScoringApp"), "Mnist.ScoringApp.dll");
        var random = new Random(5);
        for (int round = 0; round < 4; round++)
        {
            using var process = ChildProcess.Start(app, "save-loop", source, target);
            Assert.StartsWith("saved", await process.StandardOutput.ReadLineAsync());   // saving is under way
            await Task.Delay(random.Next(0, 60));
            process.Kill();
            await process.WaitForExitAsync();

            var loaded = new MLContext().Model.LoadChecked(target, out var schema);
            Assert.Equal(784, ((VectorDataViewType)schema["Features"].Type).Size);
            var scored = loaded.Transform(_ml.Data.TakeRows(_ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test), 20));
            Assert.Equal(20, scored.GetColumn<uint>("PredictedLabel").Count());
        }
    }

    [Fact]
    public void LoadChecked_TruncatedZip_ThrowsInvalidDataNamingFile()
    {
        var path = SaveCentroidModel("model.zip");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<SavedModelException>(() => _ml.Model.LoadChecked(path, out _));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void LoadChecked_CorruptedZip_ThrowsInvalidDataNamingFile()
    {
        var path = SaveCentroidModel("model.zip");
        var bytes = File.ReadAllBytes(path);
        for (int i = 100; i < bytes.Length - 200; i += 97) bytes[i] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<SavedModelException>(() => _ml.Model.LoadChecked(path, out _));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void LoadChecked_NotAZip_ThrowsInvalidDataNamingFile()
    {
        var path = Path.Combine(_directory, "notes.zip");
        File.WriteAllText(path, "this is not a model");
        var e = Assert.Throws<SavedModelException>(() => _ml.Model.LoadChecked(path, out _));
        Assert.Contains(path, e.Message);
    }
}
