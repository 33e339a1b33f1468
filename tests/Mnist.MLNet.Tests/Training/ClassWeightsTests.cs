namespace Mnist.MLNet.Tests.Training;

public class ClassWeightsTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public bool Label { get; set; }
        [VectorType(4)] public float[] Features { get; set; } = [];
    }

    // 4 features uniform in [-1, 1]; about 10% positives, with label noise so that no network is certain.
    private IDataView Rare(int rows, int seed)
    {
        var random = new Random(seed);
        return _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ =>
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            return new Row { Label = x[0] + x[1] + 0.5 * (random.NextDouble() - 0.5) > 1.1, Features = x };
        }).ToList());
    }

    [Fact]
    public void PerRow_Balanced_WeighsEachClassByRowsOverClassesTimesItsRows()
    {
        var weights = ClassWeights.Balanced.PerRow([0, 0, 0, 1], classCount: 2)!;

        Assert.Equal([4f / 6, 4f / 6, 4f / 6, 2f], weights);
        Assert.Null(ClassWeights.None.PerRow([0, 1], classCount: 2));
    }

    [Fact]
    public void PerRow_SquareRootBalanced_IsTheSquareRootOfBalanced()
    {
        long[] labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

        var weights = ClassWeights.SquareRootBalanced.PerRow(labels, classCount: 2)!;
        var balanced = ClassWeights.Balanced.PerRow(labels, classCount: 2)!;

        Assert.Equal(balanced.Select(w => MathF.Sqrt(w)), weights, (a, b) => Math.Abs(a - b) < 1e-6f);
        Assert.Equal(3f, weights[9] / weights[0], 3);   // a class 9 times rarer counts 3 times as much
    }

    [Fact]
    public void Defaults_AreNoneForMulticlassBinaryAndTheTutorial()
    {
        Assert.Same(ClassWeights.None, new MlpTrainer.Options().ClassWeights);   // weights cost accuracy (docs/defaults.md)
        Assert.Same(ClassWeights.None, new BinaryMlpTrainer.Options().ClassWeights);   // the chosen threshold handles rare positives
        Assert.Same(ClassWeights.None, Mnist.MLNet.Training.Recipes.MlpRecipes.Create(Mnist.MLNet.Training.Recipes.MlpRecipe.Tutorial).ClassWeights);
    }

    [Fact]
    public void PerRow_ExplicitWeightsForOtherClassCount_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ClassWeights.Explicit(1, 2, 3).PerRow([0, 1], classCount: 2));

        Assert.Equal(nameof(MlpTrainer.Options.ClassWeights), e.ParamName);
        Assert.Contains("3 class weights given for 2 classes", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassWeights.Explicit(1, -1));
    }

    [Fact]
    public void Fit_ExplicitWeights_HandWrittenStepMatchesAutograd()
    {
        var data = Rare(300, seed: 2);
        float[] Scores(bool autograd) => new BinaryMlpTrainer(_ml, new BinaryMlpTrainer.Options
        {
            HiddenLayers = [16], MaxEpoch = 2, Seed = 3, NumberOfThreads = 1, UseAutograd = autograd, ClassWeights = ClassWeights.Explicit(1, 5),
        }).Fit(data).Transform(data).GetColumn<float>("Score").ToArray();

        var manual = Scores(autograd: false);
        var autograd = Scores(autograd: true);

        Assert.All(manual.Zip(autograd), p => Assert.Equal(p.First, p.Second, 1e-3f));
    }

    [Fact]
    public void Fit_BalancedWeights_PredictsTheRareClassMoreOften()
    {
        var train = Rare(2000, seed: 4);
        var test = Rare(2000, seed: 5);
        long Positives(ClassWeights weights) => _ml.BinaryClassification.Trainers.Mlp(new BinaryMlpTrainer.Options { ClassWeights = weights })
            .Fit(train).Transform(test).GetColumn<bool>("PredictedLabel").LongCount(p => p);

        long plain = Positives(ClassWeights.None), balanced = Positives(ClassWeights.Balanced);

        Assert.True(balanced > plain, $"balanced weights predicted {balanced} positives, none {plain}");
    }
}
