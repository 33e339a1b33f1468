using Mnist.MLNet.Data;
using Mnist.MLNet.Training;
using Mnist.MLNet.Training.Recipes;

namespace Mnist.MLNet.Workflow;

public static partial class MnistTraining
{
    /// <summary>What <see cref="RunAsync"/> trains on, with which trainer options, and where it writes.</summary>
    public sealed class Options
    {
        /// <summary>MNIST digits or Fashion-MNIST.</summary>
        public MnistDataset Dataset = MnistDataset.Mnist;

        /// <summary>Directory of the dataset files; null for <see cref="MnistResources.DefaultDirectory"/>.</summary>
        public string? DataDirectory;

        /// <summary>Download (and verify) the dataset first when a file is missing; otherwise a missing file fails loading.</summary>
        public bool DownloadIfMissing = true;

        /// <summary>Fraction of the training split held out (chosen by the trainer's seed) to validate after each
        /// epoch; 0 keeps every row for training. When positive it replaces the trainer's <c>ValidationSet</c>.</summary>
        public double ValidationFraction;

        /// <summary>The trainer's options; its <c>Seed</c> (or 0) also seeds the MLContext and the validation split. By default the
        /// PyTorch tutorial's (<see cref="MlpRecipe.Tutorial"/>), which this workflow follows.</summary>
        public MlpTrainer.Options Trainer = MlpRecipes.Create(MlpRecipe.Tutorial);

        /// <summary>Where to save the model zip (atomically); null saves nothing.</summary>
        public string? ModelPath;

        /// <summary>Where to write the metrics JSON; null writes none.</summary>
        public string? MetricsPath;

        /// <summary>Delete the trainer's checkpoint directory once the model is saved: for a checkpoint kept only to
        /// survive an interruption.</summary>
        public bool RemoveCheckpointWhenDone;

        internal void Validate()
        {
            ArgumentNullException.ThrowIfNull(Trainer, nameof(Trainer));
            if (!(ValidationFraction >= 0 && ValidationFraction < 1))
                throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "Must be in [0, 1).");
        }
    }
}
