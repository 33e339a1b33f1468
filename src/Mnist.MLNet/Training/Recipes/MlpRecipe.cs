namespace Mnist.MLNet.Training.Recipes;

/// <summary>Named sets of <see cref="MlpTrainer.Options"/>, all for the tutorial's 784-512-256-10 network.</summary>
public enum MlpRecipe
{
    /// <summary>The PyTorch tutorial: Adam 1e-3, batches of 64, constant rate, 5 epochs (about 97.9% on MNIST).</summary>
    Tutorial,

    /// <summary>At least 98.0% on MNIST in the least wall time: 3 epochs of 128, a doubled rate decaying linearly.</summary>
    Fast,

    /// <summary>The highest accuracy within 40 epochs: augmented batches, one-cycle schedule and label smoothing.</summary>
    Best,
}
