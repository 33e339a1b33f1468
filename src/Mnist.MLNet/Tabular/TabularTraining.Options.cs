using Mnist.MLNet.Scoring;
using Mnist.MLNet.Training;

namespace Mnist.MLNet.Tabular;

public static partial class TabularTraining
{
    /// <summary>What <see cref="RunAsync"/> reads, how it splits and trains, and where it writes.</summary>
    public sealed class Options
    {
        /// <summary>The CSV file: a header line of column names, then one row per example.</summary>
        public string CsvPath = "";

        /// <summary>The column to predict.</summary>
        public string LabelColumnName = "";

        /// <summary>The task; null infers it from the label (see <see cref="TaskInference"/>).</summary>
        public MlpTask? Task;

        /// <summary>Columns to leave out of the features (identifiers, leaks).</summary>
        public IReadOnlyList<string> Ignore = [];

        /// <summary>Fraction of the rows held out, chosen by the trainer's seed, to report test metrics on.</summary>
        public double TestFraction = Defaults.TestFraction;

        /// <summary>Fraction of the remaining rows held out to validate after each epoch; 0 for none.</summary>
        public double ValidationFraction;

        /// <summary>Thresholds of column inference.</summary>
        public TabularInferenceOptions Inference = new();

        /// <summary>The trainer's options; copied into the task's trainer options. Its label and feature column
        /// names are set by the workflow; its <c>Seed</c> (or 0) also seeds the splits.</summary>
        public MlpTrainer.Options Trainer = new();

        /// <summary>Where to save the model zip (atomically); null saves nothing.</summary>
        public string? ModelPath;

        /// <summary>Where to write the test metrics JSON; null writes none.</summary>
        public string? MetricsPath;

        /// <summary>Delete the trainer's checkpoint directory once the model is saved.</summary>
        public bool RemoveCheckpointWhenDone;

        internal void Validate()
        {
            ArgumentException.ThrowIfNullOrEmpty(CsvPath, nameof(CsvPath));
            ArgumentException.ThrowIfNullOrEmpty(LabelColumnName, nameof(LabelColumnName));
            ArgumentNullException.ThrowIfNull(Trainer, nameof(Trainer));
            if (!(TestFraction > 0 && TestFraction < 1))
                throw new ArgumentOutOfRangeException(nameof(TestFraction), TestFraction, "Must be in (0, 1).");
            if (!(ValidationFraction >= 0 && ValidationFraction < 1))
                throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "Must be in [0, 1).");
        }
    }

    /// <summary>Default values of <see cref="Options"/>.</summary>
    public static class Defaults
    {
        /// <summary>One row in five for the test metrics, as scikit-learn's examples and ML.NET's samples hold out.</summary>
        public const double TestFraction = 0.2;

        /// <summary>The feature column the featurisation writes and the network reads.</summary>
        public const string FeatureColumnName = "Features";
    }
}
