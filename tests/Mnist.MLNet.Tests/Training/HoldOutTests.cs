namespace Mnist.MLNet.Tests.Training;

public class HoldOutTests
{
    // 1,000 rows of one feature (the row's index), 2% of them in class 1.
    private static TrainingSet Imbalanced() =>
        new(Enumerable.Range(0, 1000).Select(i => (float)i).ToArray(), Enumerable.Range(0, 1000).Select(i => i % 50 == 0 ? 1L : 0L).ToArray(), 1);

    [Fact]
    public void Split_Classification_HoldsOutATenthOfEachClass()
    {
        var (train, validation) = HoldOut.Split(Imbalanced(), seed: 1, stratify: true);

        Assert.Equal(2, validation.Labels.Count(l => l == 1));
        Assert.Equal(98, validation.Labels.Count(l => l == 0));
        Assert.Equal(18, train.Labels.Count(l => l == 1));
        // Every row is in exactly one part, with its own label.
        var rows = train.Features.Concat(validation.Features).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (float)i), rows);
        Assert.All(validation.Features.Zip(validation.Labels), r => Assert.Equal((int)r.First % 50 == 0 ? 1 : 0, r.Second));
    }

    [Fact]
    public void Split_SameSeed_HoldsOutTheSameRows()
    {
        var first = HoldOut.Split(Imbalanced(), seed: 3, stratify: false).Validation;
        var again = HoldOut.Split(Imbalanced(), seed: 3, stratify: false).Validation;
        var other = HoldOut.Split(Imbalanced(), seed: 4, stratify: false).Validation;

        Assert.Equal(100, first.Count);
        Assert.Equal(first.Features, again.Features);
        Assert.NotEqual(first.Features, other.Features);
    }
}
