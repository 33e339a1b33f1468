namespace Mnist.Serving;

/// <summary>What <see cref="MnistServer"/> serves, where, and the limits it puts on requests.</summary>
/// <remarks>These options are the server's whole configuration: ambient configuration (an appsettings.json in the
/// working directory, <c>ASPNETCORE_*</c> or <c>Kestrel__*</c> variables) is ignored, so nothing but the caller decides
/// where the server listens.</remarks>
public sealed class MnistServerOptions
{
    /// <summary>The model zip to serve (saved by <c>mnist train</c> or <c>mlContext.Model.Save</c>); watched for
    /// replacement, through symbolic links (as Kubernetes mounts volumes) to the file they end at.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Where Kestrel listens; loopback by default, so nothing outside the machine reaches it unasked.</summary>
    public string Urls { get; set; } = Defaults.Urls;

    /// <summary>The host names (and addresses) a request's Host header may name; others get 400. Empty: the names of
    /// the addresses in <see cref="Urls"/> (see <see cref="Http.AllowedHosts"/>). <c>*</c> allows any.</summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];

    /// <summary>The largest body <c>POST /predict</c> reads, in bytes; a larger one gets 413.</summary>
    public long MaxBodyBytes { get; set; } = Defaults.MaxBodyBytes;

    /// <summary>The largest body <c>POST /predict/batch</c> reads, in bytes; a larger one gets 413.</summary>
    public long MaxBatchBodyBytes { get; set; } = Defaults.MaxBatchBodyBytes;

    /// <summary>The most images one <c>POST /predict/batch</c> may hold; more gets 413, found while parsing.</summary>
    public int MaxBatchImages { get; set; } = Defaults.MaxBatchImages;

    /// <summary>The widest and tallest image body accepted, in pixels; a larger one gets 413 before it is decoded.</summary>
    public int MaxImageSide { get; set; } = Defaults.MaxImageSide;

    /// <summary>The most pixels (width x height) an image body may decode to; a larger one gets 413 before it is
    /// decoded, read from the picture's header.</summary>
    public long MaxImagePixels { get; set; } = Defaults.MaxImagePixels;

    /// <summary>How many <c>/predict</c> requests are read and scored at once; the others wait.</summary>
    public int MaxConcurrentRequests { get; set; } = Defaults.MaxConcurrentRequests;

    /// <summary>How many <c>/predict/batch</c> requests are read and scored at once, apart from single predictions,
    /// so that a flood of batches does not queue single predictions behind it.</summary>
    public int MaxConcurrentBatches { get; set; } = Defaults.MaxConcurrentBatches;

    /// <summary>How many requests may wait, for each of the two limits; beyond that they get 503 with <c>Retry-After</c>.</summary>
    public int MaxQueuedRequests { get; set; } = Defaults.MaxQueuedRequests;

    /// <summary>What a 503 for a full queue tells the client to wait before trying again (whole seconds).</summary>
    public TimeSpan RetryAfter { get; set; } = Defaults.RetryAfter;

    /// <summary>How long requests in flight get to finish once the server is asked to stop; the connections of those
    /// not done by then (a slow upload, say) are closed, so no client can hold the shutdown.</summary>
    public TimeSpan ShutdownGrace { get; set; } = Defaults.ShutdownGrace;

    /// <summary>How long the model file must be quiet after a change before it is loaded.</summary>
    public TimeSpan ReloadDelay { get; set; } = Defaults.ReloadDelay;

    /// <summary>Checks every limit, naming the option and the rule.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(Urls);
        ArgumentNullException.ThrowIfNull(AllowedHosts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBodyBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchBodyBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchImages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxImageSide);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxImagePixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrentRequests);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrentBatches);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxQueuedRequests);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryAfter, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownGrace, TimeSpan.Zero);
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

        /// <summary>2048 pixels a side.</summary>
        public const int MaxImageSide = 2048;

        /// <summary>1,048,576 pixels (1024x1024, or as many in another shape): a digit needs 28x28; a photo of one
        /// rarely more. A PNG of a few hundred bytes can claim 2048x2048, which takes 40 ms and 16 MiB to decode.</summary>
        public const long MaxImagePixels = 1 << 20;

        /// <summary>Two per core, at least 4: scoring is CPU work, and each request in flight holds a body of at
        /// most 1 MiB and its decoded picture, which bounds the memory they take.</summary>
        public static int MaxConcurrentRequests => Math.Max(4, 2 * Environment.ProcessorCount);

        /// <summary>One per core, at least 2: each batch in flight may hold an 8 MiB body and 1,000 images.</summary>
        public static int MaxConcurrentBatches => Math.Max(2, Environment.ProcessorCount);

        /// <summary>64 waiting requests: a burst of clients waits a little rather than being refused.</summary>
        public const int MaxQueuedRequests = 64;

        /// <summary>1 second.</summary>
        public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

        /// <summary>5 seconds for uploads in flight to finish after Ctrl+C.</summary>
        public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

        /// <summary>200 ms of quiet after the last change to the model file.</summary>
        public static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(200);
    }
}
