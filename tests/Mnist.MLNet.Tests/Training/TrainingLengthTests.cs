namespace Mnist.MLNet.Tests.Training;

public class TrainingLengthTests
{
    [Fact]
    public void For_MaxEpochSet_TrainsExactlyThatManyWithTheUsersPatience()
    {
        var length = TrainingLength.For(new MlpTrainer.Options { MaxEpoch = 7, EarlyStoppingPatience = 2 }, rows: 150, batchSize: 64);

        Assert.Equal(new TrainingLength(MaxEpoch: 7, MinEpoch: 1, Patience: 2, Adaptive: false), length);
    }

    [Fact]
    public void For_FewRows_CountsFloorCeilingAndPatienceInSteps()
    {
        // 150 rows in batches of 64: 3 steps an epoch.
        var length = TrainingLength.For(new MlpTrainer.Options(), rows: 150, batchSize: 64);

        Assert.True(length.Adaptive);
        Assert.Equal((TrainingLength.SmallDataCeilingSteps + 2) / 3, length.MaxEpoch);
        Assert.Equal((TrainingLength.FloorSteps + 2) / 3, length.MinEpoch);
        Assert.Equal((TrainingLength.PatienceSteps + 2) / 3, length.Patience);
    }

    [Fact]
    public void For_HeldOutPartOfALargeSet_KeepsTheLargeSetCeiling()
    {
        // 10,500 rows less a tenth held out: 9,450 train, but the set is large, as its widths and batch are.
        var length = TrainingLength.For(new MlpTrainer.Options(), rows: 9_450, batchSize: 64, allRows: 10_500);

        Assert.Equal((TrainingLength.CeilingSteps + 147) / 148, length.MaxEpoch);   // 148 steps an epoch
    }

    [Fact]
    public void For_MnistSizedData_StaysWithinTwiceTheTutorialsSteps()
    {
        // MNIST less the held-out tenth: 54,000 rows, 844 steps an epoch; the tutorial takes 5 x 938 = 4,690 steps.
        var length = TrainingLength.For(new MlpTrainer.Options(), rows: 54_000, batchSize: 64);

        Assert.Equal(6, length.MaxEpoch);
        Assert.InRange(length.MaxEpoch * 844, 4_690, 2 * 4_690);
        Assert.Equal(TrainingLength.PatienceEpochs, length.Patience);
        Assert.Equal(2, length.MinEpoch);
    }

    [Fact]
    public void For_MillionRows_TrainsOneEpoch()
    {
        var length = TrainingLength.For(new MlpTrainer.Options(), rows: 900_000, batchSize: 64);

        Assert.Equal((1, 1), (length.MaxEpoch, length.MinEpoch));
    }

    [Theory]
    [InlineData(221, 214, 200, 500)]        // glass: two steps an epoch on all rows; the held-out loss chose epoch 221
    [InlineData(300, 569, 200, 334)]        // three steps an epoch: the floor is 334 epochs
    [InlineData(700, 569, 200, 700)]        // a later choice is kept as it is
    [InlineData(40, 5_404, 200, 40)]        // 28 steps an epoch: 40 epochs are past the floor
    public void RefitEpochs_NeverFewerThanTheFloorInSteps(int best, long rows, int batch, int expected) =>
        Assert.Equal(expected, TrainingLength.RefitEpochs(best, rows, batch));
}
