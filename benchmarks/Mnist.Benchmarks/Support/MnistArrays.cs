namespace Mnist.Benchmarks;

/// <summary>One MNIST split read whole into contiguous arrays, for the plain TorchSharp loop and for scoring.</summary>
public sealed record MnistArrays(float[] Features, long[] Labels)
{
    public const int Pixels = MnistResources.ImagePixels;
    public int Count => Labels.Length;

    public static MnistArrays Read(string directory, MnistSplit split)
    {
        var view = new MLContext().Data.LoadMnist(directory, split);
        // The trainer's reader, handed the digit plus one as the key it expects: its labels come back as the digits.
        var set = TrainingSet.Read(view, MnistDataView.LabelColumnName, MnistDataView.FeaturesColumnName, cursor =>
        {
            var getDigit = cursor.GetGetter<uint>(view.Schema[MnistDataView.LabelColumnName]);
            return (ref uint key) => { getDigit(ref key); key++; };
        }, CancellationToken.None);
        return new MnistArrays(set.Features, set.Labels);
    }
}
