using BenchmarkDotNet.Attributes;

namespace Mnist.Benchmarks;

/// <summary>Throughput of the steps between the MNIST files and the trainer's arrays (60,000 training images).</summary>
[MemoryDiagnoser]
public class DataPathBenchmarks
{
    internal static string DataDirectory { get; set; } = "";

    private IDataView _keyed = null!;
    private string _images = "";

    [GlobalSetup]
    public void Setup()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadMnist(DataDirectory, MnistSplit.Train);
        _images = data.ImagesPath;
        _keyed = mlContext.Transforms.Conversion.MapValueToKey(MnistDataView.LabelColumnName).Fit(data).Transform(data);
    }

    /// <summary>Decompress and read every image of the gzipped IDX file in blocks of 256.</summary>
    [Benchmark]
    public long IdxReadImages()
    {
        using var images = IdxReader.Open(_images, IdxHeader.ImagesMagic, MnistResources.ImageRows, MnistResources.ImageColumns);
        var block = new byte[256 * images.Header.ItemBytes];
        long total = 0;
        for (int left = images.Header.Count; left > 0; left -= 256)
        {
            int n = Math.Min(256, left);
            images.ReadItems(block, n);
            total += block[0];
        }
        return total;
    }

    /// <summary>The trainer's whole read: cursor over the keyed view into contiguous features and labels.</summary>
    [Benchmark]
    public int TrainingSetRead()
    {
        var label = _keyed.Schema[MnistDataView.LabelColumnName];
        var set = TrainingSet.Read(_keyed, label.Name, MnistDataView.FeaturesColumnName, LabelKeys.For(label, label), CancellationToken.None);
        return set.Count;
    }
}
