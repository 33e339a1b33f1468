namespace Mnist.MLNet.Tests.Training;

public class EarlyStoppingTests
{
    // Each epoch's "weights" are told apart by a one-layer network whose single bias is the epoch number.
    private static Func<MlpWeights> WeightsOf(int epoch) => () => new MlpWeights([new LinearLayer(1, 1, [0f], [epoch])]);

    private static EarlyStopping<MlpWeights> Policy(int patience, int minEpoch, double tolerance = 0) =>
        new(patience, minEpoch, tolerance, double.PositiveInfinity, 0, null);

    // Tells the policy one validation loss per epoch, from epoch 1, and returns the first epoch it stops at (0 for none).
    private static int StoppedAt(EarlyStopping<MlpWeights> stopping, params double[] losses) =>
        Enumerable.Range(1, losses.Length).FirstOrDefault(e => stopping.ShouldStop(e, losses[e - 1], WeightsOf(e)));

    [Fact]
    public void ShouldStop_LossRisingForPatienceEpochs_StopsAndKeepsTheBestEpoch()
    {
        var stopping = Policy(patience: 2, minEpoch: 1);

        int stoppedAt = StoppedAt(stopping, 1.0, 0.5, 0.6, 0.7, 0.4);

        Assert.Equal(4, stoppedAt);
        Assert.Equal(2, stopping.BestEpoch(stoppedAt));
        Assert.Equal(2f, stopping.Best!.Layers[0].Bias[0]);
    }

    [Fact]
    public void ShouldStop_BeforeTheMinimumEpoch_KeepsTraining()
    {
        var stopping = Policy(patience: 1, minEpoch: 4);

        Assert.Equal(4, StoppedAt(stopping, 0.5, 0.9, 0.9, 0.9));
        Assert.Equal(1, stopping.BestEpoch(4));
    }

    [Fact]
    public void ShouldStop_GainSmallerThanToleranceOfTheBest_CountsAsNoImprovement()
    {
        var stopping = Policy(patience: 2, minEpoch: 1, tolerance: 0.01);

        Assert.Equal(3, StoppedAt(stopping, 1.0, 0.995, 0.991));
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
