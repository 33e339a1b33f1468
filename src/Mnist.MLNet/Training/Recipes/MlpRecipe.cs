namespace Mnist.MLNet.Training.Recipes;

/// <summary>Named sets of <see cref="MlpTrainer.Options"/>: the first three for the tutorial's 784-512-256-10 network,
/// <see cref="Cnn"/> for a small convolutional stack.</summary>
public enum MlpRecipe
{
    /// <summary>The PyTorch tutorial: Adam 1e-3, batches of 64, constant rate, 5 epochs (about 97.9% on MNIST).</summary>
    Tutorial,

    /// <summary>At least 98.0% on MNIST in the least wall time: 3 epochs of 128, a doubled rate decaying linearly.</summary>
    Fast,

    /// <summary>The highest accuracy within 40 epochs: augmented batches, one-cycle schedule and label smoothing.</summary>
    Best,

    /// <summary>A small convolutional stack with batch norm, one-cycle schedule and augmented batches: at least 99.5% on
    /// MNIST and 92.5% on Fashion-MNIST within 20 minutes on two cores.</summary>
    Cnn,
}
