using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet.Training.Losses;

namespace Mnist.MLNet.Training;

/// <summary>What the one-output trainers (<see cref="BinaryMlpTrainer"/>, <see cref="RegressionMlpTrainer"/>) share:
/// options, the <see cref="MlpTrainer"/> that runs the training loop, and the schema checks before training.</summary>
/// <typeparam name="TTransformer">The fitted model.</typeparam>
/// <typeparam name="TOptions">The task's options: <see cref="MlpTrainer.Options"/> and what the task adds.</typeparam>
public abstract class ScalarMlpTrainer<TTransformer, TOptions> : IEstimator<TTransformer>
    where TTransformer : class, ITransformer
    where TOptions : MlpTrainer.Options, new()
{
    private protected ScalarMlpTrainer(MLContext mlContext, TOptions? options, IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        TrainerOptions = options ?? new TOptions();
        Engine = new MlpTrainer(mlContext, TrainerOptions, progress, cancellationToken);
        MLContext = mlContext;
        Cancellation = cancellationToken;
    }

    /// <summary>The options this trainer uses.</summary>
    public TOptions TrainerOptions { get; }

    private protected MLContext MLContext { get; }
    private protected MlpTrainer Engine { get; }
    private protected CancellationToken Cancellation { get; }

    /// <summary>The type the label column must have.</summary>
    private protected abstract DataViewType LabelType { get; }

    public abstract SchemaShape GetOutputSchema(SchemaShape inputSchema);

    /// <summary>Trains on <paramref name="input"/> and returns the fitted model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type; the message names it.</exception>
    /// <exception cref="TrainingDataException">A label or feature is not finite, or there are no rows.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="TrainingCanceledException">Training was cancelled.</exception>
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int inputSize = ScalarLabelSchema.Check(input.Schema, TrainerOptions, LabelType, "training data");
        if (TrainerOptions.ValidationSet is { } validation) ScalarLabelSchema.CheckValidation(validation, TrainerOptions, LabelType, inputSize);
        return Train(input);
    }

    /// <summary>Reads <paramref name="input"/> (its schema already checked), trains and builds the fitted model.</summary>
    private protected abstract TTransformer Train(IDataView input);
}
