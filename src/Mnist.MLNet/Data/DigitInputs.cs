using System.Globalization;
using System.IO.Compression;

namespace Mnist.MLNet.Data;

/// <summary>One digit to predict: where it came from (file, and row or item within it) and its 784 features in [0,1].</summary>
public sealed record DigitInput(string Source, long Index, float[] Features);

/// <summary>Reads digits to predict from any mix of image files, folders of images, CSV files and IDX image files.</summary>
public static class DigitInputs
{
    /// <summary>File extensions read as images when a folder is given (a file named directly is sniffed instead).</summary>
    public static readonly IReadOnlyList<string> ImageExtensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    private const string LabelHeader = "label";

    /// <summary>Reads every path in order: a folder gives its images sorted by name; a <c>.csv</c> file gives
    /// one digit per row; an IDX image file (gzipped or raw) one per item; any other file is decoded as an image.</summary>
    /// <exception cref="DigitInputException">A path is missing or is none of these.</exception>
    /// <exception cref="IdxFormatException">An IDX file is malformed.</exception>
    public static IReadOnlyList<DigitInput> Read(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new List<DigitInput>();
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Directory.Exists(path))
            {
                var images = Directory.EnumerateFiles(path)
                    .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (images.Count == 0)
                    throw new DigitInputException(path, $"folder holds no image files (expected {string.Join(", ", ImageExtensions)})");
                foreach (var image in images)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    result.Add(new DigitInput(image, 0, DigitImage.Load(image)));
                }
            }
            else if (!File.Exists(path))
                throw new DigitInputException(path, "no such file or folder");
            else if (string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase))
                result.AddRange(ReadCsv(path));
            else if (IsIdx(path))
                result.AddRange(ReadIdx(path));
            else
                result.Add(new DigitInput(path, 0, DigitImage.Load(path)));
        }
        return result;
    }

    /// <summary>Reads the images of an IDX image file (28x28 unsigned bytes, gzipped or raw), scaled by 1/255.</summary>
    public static IEnumerable<DigitInput> ReadIdx(string path)
    {
        using var stream = IdxReader.Open(path, IdxHeader.ImagesMagic, MnistResources.ImageRows, MnistResources.ImageColumns);
        var pixels = new byte[MnistResources.ImagePixels];
        var result = new List<DigitInput>(stream.Header.Count);
        for (int i = 0; i < stream.Header.Count; i++)
        {
            stream.ReadItems(pixels, 1);
            var features = new float[pixels.Length];
            for (int p = 0; p < pixels.Length; p++) features[p] = pixels[p] / 255f;
            result.Add(new DigitInput(path, i, features));
        }
        return result;
    }

    /// <summary>Reads a CSV file of 784 pixel columns per row (row-major 28x28), 0-255 or 0-1 throughout the file.</summary>
    /// <remarks>A first line that is not all numbers is a header; a header whose first column is <c>label</c>
    /// (Kaggle's MNIST CSV) marks a leading label column, which is skipped.</remarks>
    public static IReadOnlyList<DigitInput> ReadCsv(string path)
    {
        var rows = new List<(long Line, float[] Values)>();
        int skip = 0;
        long lineNumber = 0;
        bool first = true;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',');
            bool header = first && !fields.All(IsNumber);
            first = false;
            if (header)
            {
                if (fields[0].Trim().Trim('"').Equals(LabelHeader, StringComparison.OrdinalIgnoreCase)) skip = 1;
                if (fields.Length - skip != MnistResources.ImagePixels)
                    throw new DigitInputException(path, $"header has {fields.Length} columns, expected {MnistResources.ImagePixels + skip}");
                continue;
            }
            if (fields.Length - skip != MnistResources.ImagePixels)
                throw new DigitInputException(path, $"line {lineNumber} has {fields.Length} columns, expected {MnistResources.ImagePixels + skip}" +
                    (skip == 0 ? " (784 pixels; or a 'label' header and label + 784 pixels)" : " (label + 784 pixels)"));
            var values = new float[MnistResources.ImagePixels];
            for (int i = 0; i < values.Length; i++)
            {
                var field = fields[i + skip];
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v >= 0 && v <= 255))
                    throw new DigitInputException(path, $"line {lineNumber}, column {i + skip + 1}: '{field.Trim()}' is not a pixel value (expected 0-255 or 0-1)");
                values[i] = v;
            }
            rows.Add((lineNumber, values));
        }
        if (rows.Count == 0)
            throw new DigitInputException(path, "holds no rows of pixels");

        // One scale for the whole file: a faint 0-255 row could otherwise pass for a 0-1 one.
        bool bytes = rows.Any(r => r.Values.Any(v => v > 1));
        return rows.Select((r, i) =>
        {
            if (bytes) for (int p = 0; p < r.Values.Length; p++) r.Values[p] /= 255f;
            return new DigitInput(path, i, r.Values);
        }).ToList();
    }

    private static bool IsNumber(string field) =>
        float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // IDX images start 00 00 08 03 (big-endian 2051), gzipped or not; anything else is left to the image decoder.
    private static bool IsIdx(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> start = stackalloc byte[4];
            if (file.ReadAtLeast(start, 4, throwOnEndOfStream: false) < 4) return false;
            if (start[0] == 0x1f && start[1] == 0x8b)
            {
                file.Position = 0;
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                if (gzip.ReadAtLeast(start, 4, throwOnEndOfStream: false) < 4) return false;
            }
            return start[0] == 0 && start[1] == 0 && start[2] == 0x08;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
