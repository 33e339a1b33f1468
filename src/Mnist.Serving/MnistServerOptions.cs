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
        /// <summary>Loopback, port 5000.</summary>
        public const string Urls = "http://127.0.0.1:5000";

        /// <summary>1 MiB: a 784-pixel JSON array is about 10 KiB and a 280x280 canvas PNG a few KiB; room for photos.</summary>
        public const long MaxBodyBytes = 1 << 20;

        /// <summary>8 MiB: 1,000 images of 784 numbers written as "0.123," take about 5 MiB.</summary>
        public const long MaxBatchBodyBytes = 8 << 20;

        /// <summary>1,000 images: one bulk Transform of that many takes a few milliseconds.</summary>
        public const int MaxBatchImages = 1000;

        /// <summary>2048 pixels a side: a 16 MiB decoded picture at most.</summary>
        public const int MaxImageSide = 2048;

        /// <summary>200 ms of quiet after the last change to the model file.</summary>
        public static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(200);
    }
}
