namespace Mnist.MLNet.Training.Augmentation;

/// <summary>Random distortions applied to every training batch (never to validation or test data), as
/// torchvision's <c>RandomAffine</c> and Simard et al.'s elastic distortions do; each image gets its own draw.</summary>
/// <remarks>Pixels moved in from outside the image are 0, the background of MNIST's [0, 1] features; features
/// normalised to another background would get a wrong border.</remarks>
public sealed class AugmentationOptions
{
    /// <summary>How the feature vector is read as an image; its size must equal the feature vector's length.</summary>
    public ImageShape ImageShape = ImageShape.Mnist;

    /// <summary>Largest shift, in pixels, along each axis; each image's shifts are uniform in [-s, s].</summary>
    public double ShiftPixels;

    /// <summary>Largest rotation in degrees; each image's angle is uniform in [-r, r].</summary>
    public double RotationDegrees;

    /// <summary>Largest relative change of size; each image's scale is uniform in [1 - s, 1 + s].</summary>
    public double Scale;

    /// <summary>Probability of mirroring an image left to right: right for clothing, wrong for digits; 0 turns it off.</summary>
    public double FlipProbability;

    /// <summary>Strength of the elastic distortion in pixels (Simard et al.'s alpha; 34 in their paper); 0 turns it off.</summary>
    public double ElasticAlpha;

    /// <summary>Smoothness of the elastic displacement field: the Gaussian's standard deviation in pixels (their sigma, 4).</summary>
    public double ElasticSigma = 4;

    /// <summary>Probability of erasing a random rectangle of an image to the background, as torchvision's
    /// <c>RandomErasing</c> (Zhong et al. 2017): its area is uniform in [<see cref="EraseMinArea"/>, <see cref="EraseMaxArea"/>] of the
    /// image and its aspect ratio log-uniform in [0.3, 3.3]; 0 turns it off.</summary>
    public double EraseProbability;

    /// <summary>Largest share of the image one erased rectangle covers (torchvision's default, 0.33); at least
    /// <see cref="EraseMinArea"/>.</summary>
    public double EraseMaxArea = 0.33;

    /// <summary>Smallest share of the image one erased rectangle covers (torchvision's default).</summary>
    public const double EraseMinArea = 0.02;

    /// <summary>True when no option distorts anything: the trainer then leaves batches untouched.</summary>
    public bool IsIdentity => !MovesPixels && EraseProbability == 0;

    /// <summary>True when an option moves pixels (any warp or flip); erasing alone leaves them in place.</summary>
    internal bool MovesPixels => ShiftPixels != 0 || RotationDegrees != 0 || Scale != 0 || FlipProbability != 0 || ElasticAlpha != 0;

    /// <summary>Checks every option and names the first one out of range.</summary>
    internal void Validate()
    {
        if (ImageShape.Height <= 0 || ImageShape.Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(ImageShape), ImageShape, "Height and width must be positive.");
        NonNegativeFinite(ShiftPixels, nameof(ShiftPixels));
        if (!(RotationDegrees >= 0 && RotationDegrees <= 180))
            throw new ArgumentOutOfRangeException(nameof(RotationDegrees), RotationDegrees, "Must be in [0, 180].");
        if (!(Scale >= 0 && Scale < 1)) throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "Must be in [0, 1).");
        if (!(FlipProbability >= 0 && FlipProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(FlipProbability), FlipProbability, "Must be in [0, 1].");
        NonNegativeFinite(ElasticAlpha, nameof(ElasticAlpha));
        if (!(EraseProbability >= 0 && EraseProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(EraseProbability), EraseProbability, "Must be in [0, 1].");
        if (!(EraseMaxArea >= EraseMinArea && EraseMaxArea <= 1))
            throw new ArgumentOutOfRangeException(nameof(EraseMaxArea), EraseMaxArea, $"Must be in [{EraseMinArea}, 1].");
        if (!(ElasticSigma > 0 && double.IsFinite(ElasticSigma)))
            throw new ArgumentOutOfRangeException(nameof(ElasticSigma), ElasticSigma, "Must be positive and finite.");
    }

    /// <summary>A readable summary, part of the checkpoint fingerprint.</summary>
    public override string ToString() =>
        $"image {ImageShape}, shift {ShiftPixels}, rotation {RotationDegrees}, scale {Scale}, flip {FlipProbability}, elastic {ElasticAlpha}/{ElasticSigma}" +
        (EraseProbability > 0 ? $", erase {EraseProbability} up to {EraseMaxArea}" : "");

    private static void NonNegativeFinite(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value))) throw new ArgumentOutOfRangeException(name, value, "Must be zero or positive, and finite.");
    }
}
