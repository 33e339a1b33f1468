using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training;

/// <summary>What a trainer read and hands the engine: the rows, the network's output count, the loss it trains on and
/// the loss validation reports (the plain one, where training may smooth it).</summary>
/// <param name="Scaling">For regression, how the label was standardised; the fitted model maps predictions back.</param>
/// <param name="SmallDataDropout">The dropout a small set whose length adapts trains with when the options leave it to
/// the data (<see cref="DataDefaults.SmallDataDropout"/>); 0 for none.</param>
internal sealed record TrainingTask(TrainingSet Train, TrainingSet? Valid, int Outputs, TrainingLoss Loss, TrainingLoss ValidationLoss,
    LabelScaling? Scaling = null, double SmallDataDropout = 0);
