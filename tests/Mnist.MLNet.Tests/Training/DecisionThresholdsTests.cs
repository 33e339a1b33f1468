using Mnist.MLNet.Training;

namespace Mnist.MLNet.Tests.Training;

/// <summary>The cut between ranked logits that the binary trainer's chosen threshold comes from.</summary>
public class DecisionThresholdsTests
{
    [Fact]
    public void BestF1Cut_SeparableRows_CutsBetweenTheClasses() =>
        Assert.Equal(1.5, DecisionThresholds.BestF1Cut([3, 2, 1, 0, -1], [1, 1, 0, 0, 0]));

    [Fact]
    public void BestF1Cut_PositiveBelowANegative_TakesItInWhenThatRaisesF1() =>
        // Above 2.5: F1 2/3; above 0.5: two of three called positive are, F1 0.8.
        Assert.Equal(0.5, DecisionThresholds.BestF1Cut([3, 2, 1, 0], [1, 0, 1, 0]));

    [Fact]
    public void BestF1Cut_TiedLogits_AreNeverSplit() =>
        // Rows 1 and 2 share a logit: the cut lies above or below both, never between them.
        Assert.Equal(0.5, DecisionThresholds.BestF1Cut([2, 1, 1, 0], [1, 1, 0, 0]));
}
