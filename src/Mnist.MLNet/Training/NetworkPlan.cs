using static TorchSharp.torch;

namespace Mnist.MLNet.Training;

/// <summary>The network the training engine trains: how to build it, how to copy its weights out, and what a
/// checkpoint's fingerprint adds for it. The engine itself (steps, schedule, validation, early stopping,
/// checkpoints) is the same for every network.</summary>
/// <param name="Fingerprint">Appended to the run's fingerprint: empty for the MLP, so its checkpoints still resume.</param>
/// <param name="DefaultThreads">libtorch threads when the options leave them to the engine.</param>
/// <param name="IsPlainMlp">Whether the hand-written MLP step (<c>ManualMlpStep</c>) can train it.</param>
internal sealed record NetworkPlan<TWeights>(Func<nn.Module<Tensor, Tensor>> Create, Func<nn.Module<Tensor, Tensor>, TWeights> ToWeights,
    string Fingerprint, int DefaultThreads, bool IsPlainMlp) where TWeights : class;
