using Mnist.MLNet.Training;

namespace Mnist.MLNet.Workflow;

/// <summary>What the one-call workflows on data of one's own (a table, a folder of pictures) share: the test and
/// validation hold-outs, the trainer's options, and where the model and metrics go.</summary>
public abstract class HeldOutTrainingOptions
{
    /// <summary>One row in five for the test metrics, as scikit-learn's examples and ML.NET's samples hold out.</summary>
    public const double DefaultTestFraction = 0.2;

    /// <summary>Fraction of the rows held out, chosen by the trainer's seed, to report test metrics on.</summary>
    public double TestFraction = DefaultTestFraction;

    /// <summary>Fraction of the remaining rows held out to validate after each epoch; 0 for none.</summary>
    public double ValidationFraction;

    /// <summary>The trainer's options; its <c>Seed</c> (or 0) also seeds the splits.</summary>
    public MlpTrainer.Options Trainer = new();

    /// <summary>Where to save the model zip (atomically); null saves nothing.</summary>
    public string? ModelPath;

    /// <summary>Where to write the test metrics JSON; null writes none.</summary>
    public string? MetricsPath;

    /// <summary>Delete the trainer's checkpoint directory once the model is saved.</summary>
    public bool RemoveCheckpointWhenDone;

    /// <summary>Checks the shared options, naming the option and the rule.</summary>
    private protected void ValidateHoldOuts()
    {
        ArgumentNullException.ThrowIfNull(Trainer, nameof(Trainer));
        if (!(TestFraction > 0 && TestFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(TestFraction), TestFraction, "Must be in (0, 1).");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "Must be in [0, 1).");
    }
}
