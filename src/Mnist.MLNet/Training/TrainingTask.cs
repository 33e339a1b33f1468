using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training;

/// <summary>What a trainer read and hands the engine: the rows, the network's output count, the loss it trains on and
/// the loss validation reports (the plain one, where training may smooth it).</summary>
/// <param name="Scaling">For regression, how the label was standardised; the fitted model maps predictions back.</param>
internal sealed record TrainingTask(TrainingSet Train, TrainingSet? Valid, int Outputs, TrainingLoss Loss, TrainingLoss ValidationLoss,
    LabelScaling? Scaling = null);
