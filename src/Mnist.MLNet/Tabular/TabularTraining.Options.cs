using Mnist.MLNet.Workflow;

namespace Mnist.MLNet.Tabular;

public static partial class TabularTraining
{
    /// <summary>What <see cref="RunAsync"/> reads, how it splits and trains, and where it writes. The trainer's
    /// options are copied into the task's trainer options, with the label and feature column names the workflow sets.</summary>
    public sealed class Options : HeldOutTrainingOptions
    {
        /// <summary>The CSV file: a header line of column names, then one row per example.</summary>
        public string CsvPath = "";

        /// <summary>The column to predict.</summary>
        public string LabelColumnName = "";

        /// <summary>The task; null infers it from the label (see <see cref="TaskInference"/>).</summary>
        public MlpTask? Task;

        /// <summary>Columns to leave out of the features (identifiers, leaks).</summary>
        public IReadOnlyList<string> Ignore = [];

        /// <summary>Thresholds of column inference.</summary>
        public TabularInferenceOptions Inference = new();

        internal void Validate()
        {
            ArgumentException.ThrowIfNullOrEmpty(CsvPath, nameof(CsvPath));
            ArgumentException.ThrowIfNullOrEmpty(LabelColumnName, nameof(LabelColumnName));
            ValidateHoldOuts();
        }
    }

    /// <summary>Default values of <see cref="Options"/>.</summary>
    public static class Defaults
    {
        /// <summary>One row in five for the test metrics, as scikit-learn's examples and ML.NET's samples hold out.</summary>
        public const double TestFraction = HeldOutTrainingOptions.DefaultTestFraction;

        /// <summary>The feature column the featurisation writes and the network reads.</summary>
        public const string FeatureColumnName = "Features";
    }
}
