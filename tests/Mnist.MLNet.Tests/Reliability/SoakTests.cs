using System.Globalization;
using System.Text.RegularExpressions;

namespace Mnist.MLNet.Tests.Reliability;

/// <summary>The leak check at a smaller scale than <c>Mnist.Benchmarks soak</c> (100,000 predictions, 10 epochs).</summary>
public class SoakTests
{
    [Fact]
    public async Task Soak_PredictionsAndEpochs_ResidentMemoryGrowsUnder5Percent()
    {
        var benchmark = Path.Combine(AppContext.BaseDirectory.Replace(
            Path.Combine("tests", "Mnist.MLNet.Tests"), Path.Combine("benchmarks", "Mnist.Benchmarks")), "Mnist.Benchmarks.dll");
        using var process = ChildProcess.Start(benchmark, "soak", "--predictions", "20000", "--epochs", "4", "--data", MnistFixture.Directory);
        var (exit, output) = await ChildProcess.WaitAsync(process, TimeSpan.FromMinutes(5));

        double Growth(string name) => double.Parse(Regex.Match(output, $@"RESULT {name}=(-?[0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(exit == 0, output);
        Assert.InRange(Growth("predictionGrowth"), -1, 0.05);
        Assert.InRange(Growth("trainingGrowth"), -1, 0.05);
    }
}
