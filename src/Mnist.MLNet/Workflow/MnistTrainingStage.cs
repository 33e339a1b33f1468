namespace Mnist.MLNet.Workflow;

/// <summary>The stages of <see cref="MnistTraining.RunAsync"/>, in the order they run.</summary>
public enum MnistTrainingStage
{
    /// <summary>A dataset file was missing: fetching the dataset.</summary>
    Downloading,

    /// <summary>Fitting the pipeline.</summary>
    Training,

    /// <summary>Scoring the test split.</summary>
    Evaluating,
}
