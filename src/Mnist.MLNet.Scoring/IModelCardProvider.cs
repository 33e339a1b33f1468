namespace Mnist.MLNet.Scoring;

/// <summary>A transformer that knows its <see cref="ModelCard"/> without being saved first (a model fitted in this
/// process); <see cref="ModelCard.Read(Microsoft.ML.ITransformer)"/> asks it before saving the model to read one.</summary>
public interface IModelCardProvider
{
    /// <summary>The card the model's ONNX graph carries.</summary>
    ModelCard Card { get; }
}
