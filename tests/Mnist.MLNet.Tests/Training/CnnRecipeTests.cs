using Mnist.MLNet.Network.Layers;
using Mnist.MLNet.Training.Recipes;
using Mnist.MLNet.Training.Schedules;

namespace Mnist.MLNet.Tests.Training;

/// <summary>What <see cref="MlpRecipe.Cnn"/> stands for, checked without training: its stacks fit a 28x28 image and
/// cost less than PyTorch's classic MNIST network, and each dataset gets its own distortions.</summary>
public class CnnRecipeTests
{
    private static readonly ActivationShape Digit = ActivationShape.Image(1, 28, 28);

    [Theory]
    [InlineData(MnistDataset.Mnist)]
    [InlineData(MnistDataset.Fashion)]
    public void Create_Cnn_ConvolutionsWithBatchNormAndOneCycle(MnistDataset dataset)
    {
        var options = MlpRecipes.Create(MlpRecipe.Cnn, dataset);

        Assert.NotNull(options.Layers);
        Assert.Contains(options.Layers!.Layers, l => l is Conv2dLayer);
        Assert.Contains(options.Layers.Layers, l => l is BatchNormLayer);
        Assert.Equal(LearningRateScheduleKind.OneCycle, options.LearningRateSchedule);
        Assert.NotEqual(MlpTrainer.Options.AutoMaxEpoch, options.MaxEpoch);
        var network = options.Layers.ForNetwork(Digit, 10, "Features");   // throws when a layer does not fit 28x28
        Assert.Equal(new DenseLayer(10), network.Layers[^1]);
        _ = new MlpTrainer(new MLContext(1), options);   // validates every option
    }

    [Fact]
    public void Create_Cnn_ShiftsDigitsAndMirrorsClothing()
    {
        var digits = MlpRecipes.Create(MlpRecipe.Cnn, MnistDataset.Mnist).Augmentation!;
        var clothing = MlpRecipes.Create(MlpRecipe.Cnn, MnistDataset.Fashion).Augmentation!;

        Assert.True(digits.ShiftPixels > 0 && digits.RotationDegrees > 0);
        Assert.Equal(0, digits.FlipProbability);   // a mirrored 2 or 7 is not a digit
        Assert.True(clothing.FlipProbability > 0);
    }

    [Theory]
    [InlineData(MnistDataset.Mnist)]
    [InlineData(MnistDataset.Fashion)]
    public void Create_Cnn_CheaperThanClassicNetwork(MnistDataset dataset)
    {
        // Two cores bound the recipe's time: its multiply-adds per image stay below the classic network's
        // (conv32k3, conv64k3, pool2, dense128), about 12 million, whose epoch takes 22-27 s there.
        long classic = MultiplyAdds(LayerStack.Parse("conv32k3,conv64k3,pool2,dense128"));
        long recipe = MultiplyAdds(MlpRecipes.Create(MlpRecipe.Cnn, dataset).Layers!);

        Assert.InRange(classic, 11_000_000, 13_000_000);
        Assert.True(recipe < classic / 2, $"{recipe} multiply-adds per image against the classic network's {classic}");
    }

    // Multiply-adds of one image's forward pass through the convolutions and dense layers, with the output layer.
    private static long MultiplyAdds(LayerStack stack)
    {
        var network = stack.ForNetwork(Digit, 10, "Features");
        var shapes = network.InferShapes(Digit, "Features");
        long total = 0;
        var input = Digit;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var output = shapes[i];
            total += network.Layers[i] switch
            {
                Conv2dLayer c => (long)output.Size * input.Channels * c.Kernel * c.Kernel,
                DenseLayer => (long)output.Size * input.Size,
                _ => 0,
            };
            input = output;
        }
        return total;
    }
}
