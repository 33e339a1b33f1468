namespace Mnist.MLNet.Tabular;

/// <summary>Thresholds of <see cref="ColumnInference"/>.</summary>
public sealed class TabularInferenceOptions
{
    /// <summary>A text column with more distinct values than this is left out as an identifier or free text.</summary>
    public int MaxCategories = Defaults.MaxCategories;

    /// <summary>The default thresholds.</summary>
    public static class Defaults
    {
        /// <summary>Beyond 50 values a one-hot block dwarfs typical numeric features, and most values are rare.</summary>
        public const int MaxCategories = 50;
    }
}
