using Mnist.MLNet.Network.Layers;

namespace Mnist.MLNet.Tests.Network.Layers;

public class LayerStackTests
{
    private static readonly ActivationShape Mnist = ActivationShape.Image(1, 28, 28);

    [Fact]
    public void InferShapes_ClassicStackOnMnist_GivesEachLayersOutput()
    {
        var stack = LayerStack.Parse("conv32k3,pool2,conv64k3s2p1,pool2,dense128");

        var shapes = stack.InferShapes(Mnist, "Features").Select(s => s.ToString());

        // 28-3+1 = 26, /2 = 13, (13+2-3)/2+1 = 7, /2 = 3 (the odd row is dropped), 64*3*3 flattened into dense.
        Assert.Equal(["32x26x26", "32x26x26", "32x13x13", "64x7x7", "64x7x7", "64x3x3", "128", "128"], shapes);
    }

    [Fact]
    public void InferShapes_KernelLargerThanItsInput_ThrowsNamingColumnAndLayer()
    {
        var stack = LayerStack.Parse("conv8k5,pool2,conv8k5,pool2,conv8k5");   // 28 -> 24 -> 12 -> 8 -> 4, then 5x5

        var error = Assert.Throws<LayerShapeException>(() => stack.InferShapes(Mnist, "Pixels"));

        Assert.Equal("Pixels", error.ColumnName);
        Assert.Equal(7, error.LayerNumber);
        Assert.Equal(new Conv2dLayer(8, 5), error.Layer);
        Assert.Contains("Feature column 'Pixels' (a 1x28x28 image)", error.Message);
        Assert.Contains("layer 7 'conv8k5'", error.Message);
        Assert.Contains("receives a 8x4x4 image", error.Message);
    }

    [Fact]
    public void InferShapes_ConvolutionOnFeaturesThatAreNoImage_ThrowsNamingColumnAndLayer()
    {
        var error = Assert.Throws<LayerShapeException>(() =>
            LayerStack.Parse("dense16,pool2").InferShapes(ActivationShape.Vector(30), "Measurements"));

        Assert.Equal(3, error.LayerNumber);
        Assert.Contains("Feature column 'Measurements' (a vector of 30 values)", error.Message);
        Assert.Contains("'pool2'", error.Message);
        Assert.Contains("reads an image", error.Message);
    }

    [Fact]
    public void ForNetwork_ImageInput_AddsFlattenBeforeDenseAndAnOutputLayer()
    {
        var network = LayerStack.Parse("conv4k3,pool2,dense16").ForNetwork(Mnist, outputs: 10, "Features");

        Assert.Equal("conv4k3,pool2,flatten,dense16,dense10:linear", network.ToString());
    }

    [Fact]
    public void ForNetwork_StackEndingOnAnImage_FlattensBeforeTheOutputLayer()
    {
        var network = LayerStack.Parse("conv4k3,bn").ForNetwork(ActivationShape.Image(3, 8, 8), outputs: 2, "Features");

        Assert.Equal<LayerSpec>([new Conv2dLayer(4, 3), new BatchNormLayer(), new ReluLayer(), new FlattenLayer(), new DenseLayer(2)], network.Layers);
    }

    [Fact]
    public void ReadShape_ColumnAnnotatedWithChannels_GivesChannelsRowsColumns()
    {
        var schema = Column(3 * 8 * 8, ImageShapeAnnotation.Create(3, 8, 8));

        Assert.Equal(ActivationShape.Image(3, 8, 8), ImageShapeAnnotation.ReadShape(schema["Features"]));
        Assert.Equal([3, 8, 8], ImageShapeAnnotation.Read(schema["Features"]));
    }

    [Fact]
    public void ReadShape_RowsAndColumnsOnly_IsOneChannel()
    {
        var schema = Column(28 * 28, ImageShapeAnnotation.Create(28, 28));

        Assert.Equal(Mnist, ImageShapeAnnotation.ReadShape(schema["Features"]));
    }

    [Fact]
    public void ReadShape_ShapeThatDoesNotMatchTheLength_ThrowsNamingTheColumn()
    {
        var schema = Column(100, ImageShapeAnnotation.Create(3, 8, 8));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ImageShapeAnnotation.ReadShape(schema["Features"]));

        Assert.Contains("'Features'", error.Message);
        Assert.Contains("3x8x8 holds 192 values, but the column holds 100", error.Message);
    }

    private static DataViewSchema Column(int size, DataViewSchema.Annotations annotations)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, size), annotations);
        return builder.ToSchema();
    }
}
