using Mnist.MLNet.Training.Schedules;

namespace Mnist.MLNet.Tests.Training.Schedules;

public class LearningRateScheduleTests
{
    private const int Epochs = 4, Batches = 100;   // 400 steps in all

    [Fact]
    public void RatioAt_Constant_IsOneEverywhere()
    {
        var schedule = Schedule(LearningRateScheduleKind.Constant, 0.1, 0.01);
        Assert.Equal(1, schedule.RatioAt(1, 0));
        Assert.Equal(1, schedule.RatioAt(4, 99));
        Assert.False(schedule.PerBatch);
    }

    [Fact]
    public void RatioAt_Linear_MovesOncePerEpochFromStartToFinal()
    {
        var schedule = Schedule(LearningRateScheduleKind.Linear, 1, 0.1);
        Assert.Equal(1, schedule.RatioAt(1, 0), 12);
        Assert.Equal(1, schedule.RatioAt(1, 99), 12);
        Assert.Equal(0.7, schedule.RatioAt(2, 50), 12);
        Assert.Equal(0.1, schedule.RatioAt(4, 0), 12);
        Assert.False(schedule.PerBatch);
    }

    [Fact]
    public void RatioAt_Cosine_HalfwayIsMeanOfEnds_QuarterFollowsCosine()
    {
        var schedule = Schedule(LearningRateScheduleKind.Cosine, 1, 0.02);
        Assert.Equal(1, schedule.RatioAt(1, 0), 12);
        Assert.Equal(0.51, schedule.RatioAt(3, 0), 12);                                  // step 200 of 400
        Assert.Equal(0.02 + 0.98 * (1 + Math.Cos(Math.PI / 4)) / 2, schedule.RatioAt(2, 0), 12);   // step 100
        Assert.Equal(0.02 + 0.98 * (1 + Math.Cos(Math.PI * 399 / 400)) / 2, schedule.RatioAt(4, 99), 12);
        Assert.True(schedule.PerBatch);
    }

    [Fact]
    public void RatioAt_OneCycle_WarmsUpToPeakThenAnnealsToFinal()
    {
        var schedule = Schedule(LearningRateScheduleKind.OneCycle, 0.04, 0.001, warmup: 0.25);   // 100 warm-up steps
        Assert.Equal(0.04, schedule.RatioAt(1, 0), 12);
        Assert.Equal(0.52, schedule.RatioAt(1, 50), 12);                                 // halfway up
        Assert.Equal(1, schedule.RatioAt(2, 0), 12);                                     // the peak
        Assert.Equal(0.5005, schedule.RatioAt(3, 50), 12);                               // halfway down: step 250
        Assert.Equal(0.001 + 0.999 * (1 + Math.Cos(Math.PI * 299 / 300)) / 2, schedule.RatioAt(4, 99), 12);
        Assert.True(schedule.PerBatch);
    }

    private static LearningRateSchedule Schedule(LearningRateScheduleKind kind, double start, double final, double warmup = 0.3) =>
        new(kind, start, final, warmup, Epochs, Batches);
}
