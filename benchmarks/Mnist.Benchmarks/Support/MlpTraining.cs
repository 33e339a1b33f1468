using Microsoft.ML.Transforms;
using Mnist.MLNet.Models;

namespace Mnist.Benchmarks;

/// <summary>The product's way to train, on the training split or its first rows: LoadMnist, MapValueToKey, MlpTrainer.</summary>
public static class MlpTraining
{
    public static MlpTransformer Fit(string directory, MlpTrainer.Options options,
        IProgress<TrainingProgress>? progress = null, int rows = 0)
    {
        var mlContext = new MLContext(options.Seed);
        IDataView data = mlContext.Data.LoadMnist(directory, MnistSplit.Train);
        if (rows > 0) data = mlContext.Data.TakeRows(data, rows);
        // Keys by value make class index k the digit k, so our own scoring of the weights needs no key lookup.
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey(MnistDataView.LabelColumnName,
                keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(new MlpTrainer(mlContext, options, progress));
        return pipeline.Fit(data).LastTransformer;
    }
}
