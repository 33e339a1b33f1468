namespace Mnist.MLNet.Training.Augmentation;

/// <summary>How a feature vector is read as a one-channel image: <see cref="Height"/> rows of
/// <see cref="Width"/> pixels, row-major (MNIST's 28x28).</summary>
public readonly record struct ImageShape(int Height, int Width)
{
    /// <summary>MNIST's and Fashion-MNIST's 28x28.</summary>
    public static ImageShape Mnist { get; } = new(28, 28);

    /// <summary>Pixels in one image: the feature vector's length.</summary>
    public int Size => Height * Width;

    public override string ToString() => $"{Height}x{Width}";
}
