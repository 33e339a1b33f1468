using Mnist.Trainer;

namespace Mnist.MLNet.Tests.Trainer.Commands;

/// <summary>A model fitted by <see cref="MlpTrainer"/> on other data (4 features, text labels), and a zip that is
/// not ours: the commands that need MNIST images refuse them in one line naming the file and the mismatch.</summary>
[Collection(LibTorchCollection.Name)]
public sealed class ForeignModelTests : IDisposable
{
    private static readonly string[] Species = ["setosa", "versicolor", "virginica"];

    private readonly TempDirectory _directory = new();
    private readonly string _irisModel;
    private readonly string _keysOnly;

    public ForeignModelTests()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 90).Select(i => new FlowerRow
        {
            Species = Species[i % 3],
            Measurements = Enumerable.Range(0, 4).Select(f => (float)(i % 3 + f + random.NextDouble())).ToArray(),
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(FlowerRow.Species))
            .Append(new MlpTrainer(ml, new MlpTrainer.Options
            {
                FeatureColumnName = nameof(FlowerRow.Measurements), HiddenLayers = [8], MaxEpoch = 2, BatchSize = 16, Seed = 1,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        _irisModel = _directory.Combine("iris.zip");
        ml.Model.SaveAtomically(pipeline.Fit(data), data.Schema, _irisModel);

        _keysOnly = _directory.Combine("keys-only.zip");
        ml.Model.Save(ml.Transforms.Conversion.MapValueToKey("Label", nameof(FlowerRow.Species)).Fit(data), data.Schema, _keysOnly);
    }

    public void Dispose() => _directory.Dispose();

    private static string TestImages => Path.Combine(MnistFixture.Directory, "t10k-images-idx3-ubyte.gz");

    [Theory]
    [InlineData("predict")]
    [InlineData("evaluate")]
    [InlineData("export")]
    public async Task Command_FourFeatureModel_OneLineNamingFileAndMismatchExitOne(string command)
    {
        var run = await CliRun.RunAsync(Arguments(command, _irisModel));

        var line = run.SingleLine(ExitCodes.Error);
        Assert.Equal($"error: {_irisModel}: the model reads 4 features that are not an image in column 'Measurements', expected 28x28 images", line);
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("evaluate")]
    [InlineData("export")]
    [InlineData("info")]
    public async Task Command_ZipNotFittedByMnist_OneLineNamingFileExitOne(string command)
    {
        var run = await CliRun.RunAsync(Arguments(command, _keysOnly));

        var line = run.SingleLine(ExitCodes.Error);
        Assert.StartsWith($"error: {_keysOnly}: ", line);
        Assert.Contains("not fitted by Mnist.MLNet", line);
    }

    [Fact]
    public async Task Info_FourFeatureModel_PrintsCard()
    {
        var console = new CapturedConsole();

        int exit = await Program.RunAsync(["info", "--model", _irisModel], console.Console);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("'Measurements': 4 Single (not an image)", console.Output);
        Assert.Contains("'Label' (String), 3 classes", console.Output);
        Assert.Contains("setosa versicolor virginica", console.Output);
        Assert.Contains("2 epochs recorded", console.Output);
    }

    [Fact]
    public void Card_FourFeatureModel_RecordsTextLabelsInKeyOrder()
    {
        var card = ModelCard.Read(_irisModel);

        Assert.Equal(Species, card.ClassLabels);
        Assert.Equal("String", card.LabelType);
        Assert.Null(card.ImageShape);
        Assert.Equal(4, card.FeatureSize);
        Assert.Equal("8", card.TrainingOptions["HiddenLayers"]);
    }

    private string[] Arguments(string command, string model) => command switch
    {
        "predict" => ["predict", "--model", model, TestImages],
        "evaluate" => ["evaluate", "--model", model, "--data", MnistFixture.Directory],
        "export" => ["export", "--model", model, "--onnx", _directory.Combine("out.onnx")],
        _ => ["info", "--model", model],
    };

    public sealed class FlowerRow
    {
        public string Species { get; set; } = "";

        [VectorType(4)]
        public float[] Measurements { get; set; } = [];
    }
}
