namespace Mnist.MLNet.Training;

/// <summary>The loss a regression MLP minimises, on the standardised label.</summary>
public enum RegressionLossKind
{
    /// <summary>Mean squared error (<c>nn.MSELoss</c>).</summary>
    Squared,

    /// <summary>Huber loss (<c>nn.HuberLoss</c>): squared up to <c>HuberDelta</c> standard deviations, linear beyond,
    /// so outliers pull less.</summary>
    Huber,
}
