using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;
using Onnx;

namespace Mnist.MLNet.Scoring;

/// <summary>Reads the ONNX graph, and so the <see cref="ModelCard"/>, out of a model zip saved by ML.NET.</summary>
/// <remarks>ML.NET's ONNX transform stores its graph as a zip entry named <c>OnnxModel</c>: the bytes prefixed by
/// their length, as ML.NET's binary writer writes arrays. ML.NET gives no public access to the graph of a loaded
/// transform, so this is the one place that reads the entry; the card inside says which graph is ours.</remarks>
internal static class SavedGraph
{
    /// <summary>The entry name ML.NET's ONNX transform saves its model bytes under.</summary>
    public const string OnnxEntryName = "OnnxModel";

    public static ModelCard ReadCard(Stream zipStream, string source) =>
        ModelCard.FromMetadata(Metadata(Read(zipStream, source)), source);

    /// <summary>The graph that carries a model card.</summary>
    /// <exception cref="SavedModelException">Not a readable zip, no ONNX graph, or none with a card.</exception>
    public static ModelProto Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: no such model file", full);
        using var stream = File.OpenRead(full);
        return Read(stream, full);
    }

    public static ModelProto Read(Stream zipStream, string source)
    {
        try
        {
            using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
            // ML.NET has written entry paths with either separator; compare the last segment only.
            var graphs = zip.Entries.Where(e => LastSegment(e.FullName) == OnnxEntryName)
                .Select(e => ModelProto.Parser.ParseFrom(ReadLengthPrefixed(source, e)))
                .ToList();
            if (graphs.Count == 0)
                throw new SavedModelException(source, "the model holds no ONNX graph: it was not fitted by Mnist.MLNet");
            var ours = graphs.Where(g => g.MetadataProps.Any(p => p.Key == ModelCardMetadata.FormatVersion)).ToList();
            return ours.Count switch
            {
                1 => ours[0],
                0 => graphs[0],   // reading its metadata names what is missing
                _ => throw new SavedModelException(source, $"{ours.Count} ONNX graphs carry a model card, expected one"),
            };
        }
        catch (InvalidDataException e)
        {
            throw new SavedModelException(source, $"not a readable model zip ({e.Message})", e);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SavedModelException(source, $"the stored ONNX graph is corrupt ({e.Message})", e);
        }
    }

    public static IReadOnlyDictionary<string, string> Metadata(ModelProto model)
    {
        var metadata = new Dictionary<string, string>();
        foreach (var entry in model.MetadataProps) metadata[entry.Key] = entry.Value;
        return metadata;
    }

    private static string LastSegment(string entryName) => entryName[(entryName.LastIndexOfAny(['/', '\\']) + 1)..];

    // ML.NET's BinaryWriter extensions write an array as its length, then the bytes; accept a 32- or 64-bit length.
    private static byte[] ReadLengthPrefixed(string source, ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.Length >= 4 && BinaryPrimitives.ReadInt32LittleEndian(bytes) == bytes.Length - 4) return bytes[4..].ToArray();
        if (bytes.Length >= 8 && BinaryPrimitives.ReadInt64LittleEndian(bytes) == bytes.Length - 8) return bytes[8..].ToArray();
        throw new SavedModelException(source,
            $"entry {entry.FullName}: {bytes.Length} bytes whose length prefix does not match (truncated or not written by ML.NET)");
    }
}
