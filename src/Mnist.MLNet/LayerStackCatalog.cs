using Mnist.MLNet.Network.Layers;
using Mnist.MLNet.Training;

namespace Mnist.MLNet;

/// <summary>Declared layer stacks (convolutional networks) in ML.NET's trainer catalog.</summary>
public static class LayerStackCatalog
{
    /// <summary>A network of the declared <paramref name="layers"/> (e.g. <c>conv32k3,pool2,conv64k3,pool2,dense128</c>,
    /// see <see cref="LayerSpelling"/>) trained with TorchSharp by the MLP's engine:
    /// <c>mlContext.MulticlassClassification.Trainers.LayerStack("conv32k3,pool2,dense128")</c>.</summary>
    /// <param name="layers">The hidden layers; the output layer is added for the classes.</param>
    /// <param name="labelColumnName">A key column (use <c>MapValueToKey</c> first).</param>
    /// <param name="featureColumnName">A known-size vector of Single; convolutions need its image shape annotation
    /// (<c>LoadMnist</c> sets it).</param>
    /// <exception cref="LayerSpellingException">A token of <paramref name="layers"/> is not a layer.</exception>
    public static MlpTrainer LayerStack(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string layers,
        string labelColumnName = MlpTrainer.Defaults.LabelColumnName,
        string featureColumnName = MlpTrainer.Defaults.FeatureColumnName,
        int maxEpoch = MlpTrainer.Defaults.MaxEpoch,
        int batchSize = MlpTrainer.Defaults.BatchSize,
        double learningRate = MlpTrainer.Defaults.LearningRate)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Mlp(new MlpTrainer.Options
        {
            Layers = Network.Layers.LayerStack.Parse(layers),
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            MaxEpoch = maxEpoch,
            BatchSize = batchSize,
            LearningRate = learningRate,
        });
    }
}
