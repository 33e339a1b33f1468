namespace Mnist.MLNet.Data;

/// <summary>How far the download of one file has come.</summary>
/// <param name="FileName">The dataset file being fetched (its official .gz name).</param>
/// <param name="Source">Where it comes from: a URL, a directory, a package, or "already present".</param>
/// <param name="BytesDone">Bytes received so far.</param>
/// <param name="BytesTotal">Bytes expected, when the source says; null otherwise.</param>
/// <param name="Completed">True once the file is verified and in place.</param>
public sealed record DownloadProgress(string FileName, string Source, long BytesDone, long? BytesTotal, bool Completed = false);
