using Mnist.MLNet.Network.Layers;

namespace Mnist.MLNet.Tests.Network.Layers;

public class LayerSpellingTests
{
    [Fact]
    public void Parse_ClassicStack_ConvAndDenseBringTheirRelu()
    {
        var layers = LayerSpelling.Parse("conv32k3,pool2,conv64k3s2p1,pool3s2,drop0.25,dense128");

        Assert.Equal<LayerSpec>(
        [
            new Conv2dLayer(32, 3), new ReluLayer(), new MaxPoolLayer(2),
            new Conv2dLayer(64, 3, stride: 2, padding: 1), new ReluLayer(), new MaxPoolLayer(3, stride: 2),
            new DropoutLayer(0.25), new DenseLayer(128), new ReluLayer(),
        ], layers);
    }

    [Fact]
    public void Parse_BatchNormAfterConv_GoesBeforeItsRelu()
    {
        var layers = LayerSpelling.Parse("conv8k3,bn, dense16:linear,bn,relu");

        Assert.Equal<LayerSpec>(
        [
            new Conv2dLayer(8, 3), new BatchNormLayer(), new ReluLayer(),
            new DenseLayer(16), new BatchNormLayer(), new ReluLayer(),
        ], layers);
    }

    [Theory]
    [InlineData("conv32k3,pool2,conv64k3,pool2,dense128")]
    [InlineData("conv8k5s2p2,bn,pool2s1,flatten,drop0.5,dense10:linear")]
    [InlineData("conv8k3:linear,relu,bn,dense4:linear,bn")]
    [InlineData("dense64,dense32,relu")]
    public void Write_ParsedSpelling_ReadsBackToTheSameLayers(string spelling)
    {
        var layers = LayerSpelling.Parse(spelling);

        var written = LayerSpelling.Write(layers);

        Assert.Equal(layers, LayerSpelling.Parse(written));
    }

    [Theory]
    [InlineData("conv32k3,pol2,dense128", 2, "pol2", "is not a layer")]
    [InlineData("conv32k3,pool0", 2, "pool0", "out of range")]
    [InlineData("conv32,pool2", 1, "conv32", "is not a layer")]
    [InlineData("dense128,,dense10", 2, "", "is empty")]
    [InlineData("drop1.5", 1, "drop1.5", "out of range")]
    [InlineData("dense99999999999", 1, "dense99999999999", "too large")]
    public void Parse_BadToken_ThrowsNamingTokenAndPosition(string spelling, int position, string token, string problem)
    {
        var error = Assert.Throws<LayerSpellingException>(() => LayerSpelling.Parse(spelling));

        Assert.Equal(position, error.Position);
        Assert.Equal(token, error.Token);
        Assert.Contains($"token {position} '{token}' ", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Contains(spelling, error.Message);
    }
}
