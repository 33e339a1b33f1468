namespace Mnist.Serving.Models;

/// <summary>The facts of a served model file that only the server knows: which file, and which version of it.</summary>
/// <param name="Path">The model file, full path.</param>
/// <param name="SizeBytes">Its size when it was loaded.</param>
/// <param name="WrittenUtc">Its last write time when it was loaded.</param>
/// <param name="LoadedUtc">When the server loaded it.</param>
public sealed record ServedFile(string Path, long SizeBytes, DateTime WrittenUtc, DateTime LoadedUtc);
