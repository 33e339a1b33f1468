namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>How a model reads one raw input column of a table.</summary>
public enum InputColumnKind
{
    /// <summary>A real number; a missing value is replaced by the training mean (with an indicator when training saw gaps).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>Text with few distinct values, one-hot encoded; a value training never saw encodes as all zeros.</summary>
    Category,

    /// <summary>A picture (PNG or JPEG), resized to the card's <c>ImageShape</c> [channels, rows, columns]: one channel
    /// read as grey, three as red, green and blue.</summary>
    Picture,
}
