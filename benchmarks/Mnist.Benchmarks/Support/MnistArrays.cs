using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet;
using Mnist.MLNet.Data;

namespace Mnist.Benchmarks;

/// <summary>One MNIST split read whole into contiguous arrays, for the plain TorchSharp loop and for scoring.</summary>
public sealed record MnistArrays(float[] Features, long[] Labels)
{
    public const int Pixels = MnistResources.ImagePixels;
    public int Count => Labels.Length;

    public static MnistArrays Read(string directory, MnistSplit split)
    {
        var view = new MLContext().Data.LoadMnist(directory, split);
        int count = (int)view.GetRowCount()!.Value;
        var features = new float[count * Pixels];
        var labels = new long[count];
        using var cursor = view.GetRowCursor(view.Schema);
        var getLabel = cursor.GetGetter<uint>(view.Schema[MnistDataView.LabelColumnName]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(view.Schema[MnistDataView.FeaturesColumnName]);
        uint label = 0;
        VBuffer<float> row = default;
        for (int i = 0; cursor.MoveNext(); i++)
        {
            getLabel(ref label);
            getFeatures(ref row);
            row.CopyTo(features.AsSpan(i * Pixels, Pixels));
            labels[i] = label;
        }
        return new MnistArrays(features, labels);
    }
}
