using Microsoft.ML;
using Mnist.MLNet.Data;
using Mnist.MLNet.Training;

namespace Mnist.MLNet.Tests.Training;

/// <summary>The tutorial pipeline trained once on real MNIST (defaults, 3 epochs), shared by the tests that need it.</summary>
public sealed class TrainedMnistModel
{
    public TrainedMnistModel()
    {
        MLContext = new MLContext(seed: 1);
        Train = MLContext.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Train);
        Test = MLContext.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);
        var pipeline = MLContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(new MlpTrainer(MLContext, new MlpTrainer.Options { MaxEpoch = 3, Seed = 1 }))
            .Append(MLContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        Model = pipeline.Fit(Train);
    }

    public MLContext MLContext { get; }
    public IDataView Train { get; }
    public IDataView Test { get; }
    public ITransformer Model { get; }
}
