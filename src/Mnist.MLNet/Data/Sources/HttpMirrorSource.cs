namespace Mnist.MLNet.Data.Sources;

/// <summary>An http(s) mirror holding the official .gz files under their official names.</summary>
/// <remarks>Transient failures (5xx, 408, 429, a cut connection, a stall, no answer in time) are retried with
/// exponential backoff; a mirror that cannot be reached at all is reported unreachable so it is skipped for the other files.</remarks>
internal sealed class HttpMirrorSource(Uri baseUri, HttpClient client, MnistDownloader.Options options) : IDownloadSource
{
    private const int BufferBytes = 1 << 16;

    // Without a trailing slash, new Uri(base, "file") would replace the last segment instead of appending.
    private readonly Uri _baseUri = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

    public string Name => _baseUri.AbsoluteUri;

    public async Task<FetchedContent> FetchAsync(MnistResource resource, string destination, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        var uri = new Uri(_baseUri, resource.FileName);
        int attempts = options.MaxRetries + 1;
        string lastReason = "";
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1) await Task.Delay(Backoff(attempt - 1), ct);
            try
            {
                await FetchOnceAsync(uri, resource, destination, progress, ct);
                return FetchedContent.Gzip;
            }
            catch (TransientFailure e)
            {
                lastReason = e.Message;
            }
        }
        throw new SourceFailedException(attempts == 1 ? lastReason : $"{lastReason} (gave up after {attempts} attempts)");
    }

    private TimeSpan Backoff(int retry)
    {
        double ms = options.RetryDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        return TimeSpan.FromMilliseconds(Math.Min(ms, options.MaxRetryDelay.TotalMilliseconds));
    }

    private async Task FetchOnceAsync(Uri uri, MnistResource resource, string destination, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        using var response = await GetHeadersAsync(uri, ct);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
            throw new SourceFailedException($"HTTP {status} {response.ReasonPhrase}: still redirected after following redirects (a redirect loop?)");
        if (status is >= 500 or 408 or 429)
            throw new TransientFailure($"HTTP {status} {response.ReasonPhrase}");
        if (!response.IsSuccessStatusCode)
            throw new SourceFailedException($"HTTP {status} {response.ReasonPhrase}");

        long? total = response.Content.Headers.ContentLength;
        long done = 0;
        // The header timeout does not cover the body: a server can answer promptly and then stop sending.
        // Each read gets its own stall timer instead, so a slow but moving download is never cut.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true);
            var buffer = new byte[BufferBytes];
            progress?.Report(new DownloadProgress(resource.FileName, Name, 0, total));
            while (true)
            {
                stall.CancelAfter(options.StallTimeout);
                int read = await body.ReadAsync(buffer, stall.Token);
                if (read == 0) break;
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
                done += read;
                progress?.Report(new DownloadProgress(resource.FileName, Name, done, total));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TransientFailure($"stalled: no data for {options.StallTimeout.TotalSeconds:0.###} s after {done} bytes");
        }
        catch (IOException e)
        {
            throw new TransientFailure($"connection lost after {done}{(total is null ? "" : $" of {total}")} bytes ({e.Message})");
        }
        if (total is not null && done != total)
            throw new TransientFailure($"connection closed after {done} of {total} bytes");
    }

    private async Task<HttpResponseMessage> GetHeadersAsync(Uri uri, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            return await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TransientFailure($"no response within {options.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError)
        {
            // DNS failure or connection refused: the host is not there; retrying, or trying it for the next file, only wastes time.
            throw new SourceFailedException($"unreachable ({e.Message})", unreachable: true);
        }
        catch (HttpRequestException e)
        {
            throw new TransientFailure(e.Message);
        }
    }

    public void Dispose() { }

    private sealed class TransientFailure(string reason) : Exception(reason);
}
