using Microsoft.ML;
using Mnist.MLNet;
using Mnist.MLNet.Training;

namespace Mnist.Benchmarks.Support;

/// <summary>The trainers the tabular comparison runs, MLP first, each with ML.NET's defaults except the MLP's options.</summary>
public static class TabularTrainers
{
    public static IReadOnlyList<(string Name, Func<MLContext, IEstimator<ITransformer>> Trainer)> For(TabularTask task, MlpTrainer.Options mlp) => task switch
    {
        TabularTask.Multiclass =>
        [
            ("MLP", ml => ml.MulticlassClassification.Trainers.Mlp(Copy<MlpTrainer.Options>(mlp))),
            ("SDCA", ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()),
            ("LightGBM", ml => ml.MulticlassClassification.Trainers.LightGbm()),
            ("FastTree", ml => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree())),
        ],
        TabularTask.Binary =>
        [
            ("MLP", ml => ml.BinaryClassification.Trainers.Mlp(Copy<BinaryMlpTrainer.Options>(mlp))),
            ("SDCA", ml => ml.BinaryClassification.Trainers.SdcaLogisticRegression()),
            ("LightGBM", ml => ml.BinaryClassification.Trainers.LightGbm()),
            ("FastTree", ml => ml.BinaryClassification.Trainers.FastTree()),
        ],
        _ =>
        [
            ("MLP", ml => ml.Regression.Trainers.Mlp(Copy<RegressionMlpTrainer.Options>(mlp))),
            ("SDCA", ml => ml.Regression.Trainers.Sdca()),
            ("LightGBM", ml => ml.Regression.Trainers.LightGbm()),
            ("FastTree", ml => ml.Regression.Trainers.FastTree()),
        ],
    };

    private static T Copy<T>(MlpTrainerOptions from) where T : MlpTrainerOptions, new() => new()
    {
        HiddenLayers = [.. from.HiddenLayers],
        MaxEpoch = from.MaxEpoch,
        BatchSize = from.BatchSize,
        LearningRate = from.LearningRate,
        WeightDecay = from.WeightDecay,
        Dropout = from.Dropout,
        Seed = from.Seed,
    };
}
