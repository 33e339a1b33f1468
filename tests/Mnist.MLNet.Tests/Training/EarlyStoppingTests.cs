namespace Mnist.MLNet.Tests.Training;

public class EarlyStoppingTests
{
    // Each epoch's "weights" are told apart by a one-layer network whose single bias is the epoch number.
    private static Func<MlpWeights> WeightsOf(int epoch) => () => new MlpWeights([new LinearLayer(1, 1, [0f], [epoch])]);

    private static EarlyStopping<MlpWeights> Policy(int patience, int minEpoch, double tolerance = 0) =>
        new(patience, minEpoch, tolerance, double.PositiveInfinity, 0, null);

    [Fact]
    public void ShouldStop_LossRisingForPatienceEpochs_StopsAndKeepsTheBestEpoch()
    {
        var stopping = Policy(patience: 2, minEpoch: 1);
        double[] losses = [1.0, 0.5, 0.6, 0.7, 0.4];

        int stoppedAt = Enumerable.Range(1, losses.Length).First(e => stopping.ShouldStop(e, losses[e - 1], WeightsOf(e)));

        Assert.Equal(4, stoppedAt);
        Assert.Equal(2, stopping.BestEpoch(stoppedAt));
        Assert.Equal(2f, stopping.Best!.Layers[0].Bias[0]);
    }

    [Fact]
    public void ShouldStop_BeforeTheMinimumEpoch_KeepsTraining()
    {
        var stopping = Policy(patience: 1, minEpoch: 4);

        Assert.False(stopping.ShouldStop(1, 0.5, WeightsOf(1)));
        Assert.False(stopping.ShouldStop(2, 0.9, WeightsOf(2)));
        Assert.False(stopping.ShouldStop(3, 0.9, WeightsOf(3)));
        Assert.True(stopping.ShouldStop(4, 0.9, WeightsOf(4)));
        Assert.Equal(1, stopping.BestEpoch(4));
    }

    [Fact]
    public void ShouldStop_GainSmallerThanToleranceOfTheBest_CountsAsNoImprovement()
    {
        var stopping = Policy(patience: 2, minEpoch: 1, tolerance: 0.01);

        Assert.False(stopping.ShouldStop(1, 1.0, WeightsOf(1)));
        Assert.False(stopping.ShouldStop(2, 0.995, WeightsOf(2)));
        Assert.True(stopping.ShouldStop(3, 0.991, WeightsOf(3)));
        Assert.Equal(1, stopping.BestEpoch(3));
    }

    [Fact]
    public void ShouldStop_NoValidationLoss_NeverStops()
    {
        var stopping = Policy(patience: 1, minEpoch: 1);

        Assert.All(Enumerable.Range(1, 5), e => Assert.False(stopping.ShouldStop(e, null, WeightsOf(e))));
        Assert.Null(stopping.Best);
    }
}
