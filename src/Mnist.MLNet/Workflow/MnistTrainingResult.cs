using Microsoft.ML.Transforms;
using Mnist.MLNet.Evaluation;
using Mnist.MLNet.Models;

namespace Mnist.MLNet.Workflow;

/// <summary>What <see cref="MnistTraining.RunAsync"/> produced.</summary>
/// <param name="MLContext">The context the data was loaded and the model fitted in.</param>
/// <param name="Train">The whole training split (validation rows included), whose schema the saved model records.</param>
/// <param name="Test">The test split the report was computed on.</param>
/// <param name="Model">The fitted <c>MapValueToKey → MlpTrainer → MapKeyToValue</c> chain.</param>
/// <param name="Report">Test metrics with the training history.</param>
public sealed record MnistTrainingResult(MLContext MLContext, IDataView Train, IDataView Test,
    TransformerChain<KeyToValueMappingTransformer> Model, MetricsReport Report)
{
    /// <summary>The trained network inside <see cref="Model"/>.</summary>
    public MlpTransformer Network => Model.OfType<MlpTransformer>().Single();

    /// <summary>Per-epoch losses, accuracies and timings.</summary>
    public IReadOnlyList<EpochMetrics> History => Network.History;
}
