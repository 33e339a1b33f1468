using Mnist.MLNet.Tabular;

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

    /// <summary>Each trainer as a user first meets it, MLP first: the catalogs' methods without arguments (the MLP
    /// with <paramref name="mlp"/>'s options instead when given), then LightGBM, SDCA, FastTree.</summary>
    public static IReadOnlyList<(string Name, Func<MLContext, IEstimator<ITransformer>> Trainer)> Defaults(TabularTask task, MlpTrainer.Options? mlp) => task switch
    {
        TabularTask.Multiclass =>
        [
            ("MLP", ml => mlp is null ? ml.MulticlassClassification.Trainers.Mlp() : ml.MulticlassClassification.Trainers.Mlp(Copy<MlpTrainer.Options>(mlp))),
            ("LightGBM", ml => ml.MulticlassClassification.Trainers.LightGbm()),
            ("SDCA", ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()),
            ("FastTree", ml => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree())),
        ],
        TabularTask.Binary =>
        [
            ("MLP", ml => mlp is null ? ml.BinaryClassification.Trainers.Mlp() : ml.BinaryClassification.Trainers.Mlp(Copy<BinaryMlpTrainer.Options>(mlp))),
            ("LightGBM", ml => ml.BinaryClassification.Trainers.LightGbm()),
            ("SDCA", ml => ml.BinaryClassification.Trainers.SdcaLogisticRegression()),
            ("FastTree", ml => ml.BinaryClassification.Trainers.FastTree()),
        ],
        _ =>
        [
            ("MLP", ml => mlp is null ? ml.Regression.Trainers.Mlp() : ml.Regression.Trainers.Mlp(Copy<RegressionMlpTrainer.Options>(mlp))),
            ("LightGBM", ml => ml.Regression.Trainers.LightGbm()),
            ("SDCA", ml => ml.Regression.Trainers.Sdca()),
            ("FastTree", ml => ml.Regression.Trainers.FastTree()),
        ],
    };

    /// <summary>The MLP options for the task's trainer: every field of <paramref name="from"/> the task shares, as the
    /// command line copies them.</summary>
    public static T Copy<T>(MlpTrainer.Options from) where T : MlpTrainerOptions, new() => TrainerOptionsCopy.To<T>(from);
}
