using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mnist.MLNet.Training.Optimization;
using static TorchSharp.torch;
using Mnist.MLNet.Network;

namespace Mnist.MLNet.Training;

/// <summary>Writes and reads training checkpoints: one zip holding the state, the weights, the optimizer's
/// moments, the shuffling generator and libtorch's global generator (dropout), and the best weights so far.</summary>
/// <remarks>Written to a temporary file and renamed over the previous one, so a crash mid-write leaves the last
/// good checkpoint in place.</remarks>
internal static class Checkpoint
{
    public const string FileName = "checkpoint.zip";

    private const string StateEntry = "state.json";
    private const string ModelEntry = "model.bin";
    private const string OptimizerEntry = "optimizer.bin";
    private const string EpochGeneratorEntry = "epoch-generator.bin";
    private const string GlobalGeneratorEntry = "global-generator.bin";
    private const string BestEntry = "best-weights.json";

    // The best validation loss starts at +infinity, which plain JSON cannot write.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static void Write<TWeights>(string directory, ResumeState state, nn.Module<Tensor, Tensor> model, FusedOptimizer optimizer,
        Tensor epochGeneratorState, TWeights? best) where TWeights : class
    {
        AtomicFile.Write(PathIn(directory), file =>
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, StateEntry, s => JsonSerializer.Serialize(s, state, Json));
            WriteEntry(zip, ModelEntry, s => model.save(s));
            WriteEntry(zip, OptimizerEntry, s => { using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true); optimizer.Save(w); });
            WriteEntry(zip, EpochGeneratorEntry, s => WriteBytes(s, epochGeneratorState));
            WriteEntry(zip, GlobalGeneratorEntry, s => { using var g = TorchSharp.torch.random.get_rng_state(); WriteBytes(s, g); });
            if (best is not null) WriteEntry(zip, BestEntry, s => JsonSerializer.Serialize(s, best, Json));
        });
    }

    public static bool Exists(string directory) => File.Exists(PathIn(directory));

    /// <summary>Reads where the run stands, without touching any tensor.</summary>
    /// <exception cref="InvalidDataException">The file is not a readable checkpoint; the message names it.</exception>
    public static ResumeState ReadState(string directory) =>
        Open(directory, (zip, path) => ReadEntry(zip, path, StateEntry, s => JsonSerializer.Deserialize<ResumeState>(s, Json))
            ?? throw new InvalidDataException($"{path}: empty training state"));

    /// <summary>Restores weights, optimizer and libtorch's global generator; returns the shuffling generator's
    /// state at the start of the epoch to continue, and the best weights so far.</summary>
    /// <exception cref="InvalidDataException">The file is not a readable checkpoint; the message names it.</exception>
    public static (byte[] EpochGeneratorState, MlpWeights? Best) Restore(string directory, MlpModule model, FusedOptimizer optimizer) =>
        Restore<MlpWeights>(directory, model, optimizer);

    /// <summary>Restores <paramref name="model"/> and <paramref name="optimizer"/> from the checkpoint, with best
    /// weights of the network's own type.</summary>
    public static (byte[] EpochGeneratorState, TWeights? Best) Restore<TWeights>(string directory, nn.Module<Tensor, Tensor> model,
        FusedOptimizer optimizer) where TWeights : class =>
        Open(directory, (zip, path) =>
        {
            ReadEntry(zip, path, ModelEntry, s => model.load(s));
            ReadEntry(zip, path, OptimizerEntry, s => { using var r = new BinaryReader(s); optimizer.Load(r); return 0; });
            var global = ReadEntry(zip, path, GlobalGeneratorEntry, ReadAll);
            using (var g = tensor(global, dtype: ScalarType.Byte)) TorchSharp.torch.random.set_rng_state(g);
            var best = zip.GetEntry(BestEntry) is null ? null : ReadEntry(zip, path, BestEntry, s => JsonSerializer.Deserialize<TWeights>(s, Json));
            return (ReadEntry(zip, path, EpochGeneratorEntry, ReadAll), best);
        });

    private static T Open<T>(string directory, Func<ZipArchive, string, T> read)
    {
        var path = PathIn(directory);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return read(zip, path);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException && e is not FileNotFoundException)
        {
            throw new InvalidDataException($"{path}: not a readable training checkpoint ({e.Message})", e);
        }
    }

    private static void WriteEntry(ZipArchive zip, string name, Action<Stream> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        write(stream);
    }

    private static T ReadEntry<T>(ZipArchive zip, string path, string name, Func<Stream, T> read)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"{path}: missing {name}");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);   // TorchSharp's readers seek; zip entry streams cannot
        buffer.Position = 0;
        return read(buffer);
    }

    private static void WriteBytes(Stream stream, Tensor state) => stream.Write(state.data<byte>().ToArray());

    private static byte[] ReadAll(Stream stream) => ((MemoryStream)stream).ToArray();
}
