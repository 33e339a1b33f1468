namespace Mnist.MLNet.Tests.Training.Optimization;

public class StepThreadsTests
{
    [Fact]
    public void Default_SmallNetworkAndBatch_OneThread() =>
        Assert.Equal(1, StepThreads.Default(64, [64], 10, 16));

    [Fact]
    public void Default_TutorialNetwork_OneThreadPerCore() =>
        Assert.Equal(TorchRuntime.DefaultThreads, StepThreads.Default(784, [512, 256], 10, 64));
}
