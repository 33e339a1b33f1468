namespace Mnist.MLNet.Scoring;

/// <summary>What a model predicts, as its card records it.</summary>
public enum MlpTask
{
    /// <summary>One of several classes: <c>Score</c> holds class probabilities, <c>PredictedLabel</c> is a key.</summary>
    MulticlassClassification,

    /// <summary>True or false: <c>Score</c> is the logit, <c>Probability</c> its sigmoid, <c>PredictedLabel</c> a Boolean.</summary>
    BinaryClassification,

    /// <summary>A real value: <c>Score</c> is the prediction, in the label's own units.</summary>
    Regression,
}
