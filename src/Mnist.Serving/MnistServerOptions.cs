namespace Mnist.Serving;

/// <summary>What <see cref="MnistServer"/> serves, where, and the limits it puts on requests.</summary>
public sealed class MnistServerOptions
{
    /// <summary>The model zip to serve (saved by <c>mnist train</c> or <c>mlContext.Model.Save</c>); watched for replacement.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Where Kestrel listens; loopback by default, so nothing outside the machine reaches it unasked.</summary>
    public string Urls { get; set; } = Defaults.Urls;

    /// <summary>The largest body <c>POST /predict</c> reads, in bytes; a larger one gets 413.</summary>
    public long MaxBodyBytes { get; set; } = Defaults.MaxBodyBytes;

    /// <summary>The largest body <c>POST /predict/batch</c> reads, in bytes; a larger one gets 413.</summary>
    public long MaxBatchBodyBytes { get; set; } = Defaults.MaxBatchBodyBytes;

    /// <summary>The most images one <c>POST /predict/batch</c> may hold; more gets 413.</summary>
    public int MaxBatchImages { get; set; } = Defaults.MaxBatchImages;

    /// <summary>The widest and tallest image body accepted, in pixels; a larger one gets 400 before it is decoded.</summary>
    public int MaxImageSide { get; set; } = Defaults.MaxImageSide;

    /// <summary>How long the model file must be quiet after a change before it is loaded.</summary>
    public TimeSpan ReloadDelay { get; set; } = Defaults.ReloadDelay;

    /// <summary>Checks every limit, naming the option and the rule.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(Urls);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBodyBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchBodyBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchImages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxImageSide);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReloadDelay, TimeSpan.Zero);
    }

    /// <summary>The defaults, shared with the command line's help.</summary>
    public static class Defaults
    {
        public const string Urls = "http://127.0.0.1:5000";

        // A 784-pixel JSON array is under 4 KiB; a 280x280 canvas PNG is a few KiB; 1 MiB leaves room for photos.
        public const long MaxBodyBytes = 1 << 20;

        // 1,000 images of 784 numbers written as "0.123," take about 5 MiB.
        public const long MaxBatchBodyBytes = 8 << 20;

        public const int MaxBatchImages = 1000;

        public const int MaxImageSide = 2048;

        public static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(200);
    }
}
