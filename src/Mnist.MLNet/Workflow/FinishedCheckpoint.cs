using Mnist.MLNet.Training;

namespace Mnist.MLNet.Workflow;

/// <summary>What a workflow does with the trainer's checkpoint once the finished model is saved.</summary>
internal static class FinishedCheckpoint
{
    /// <summary>Deletes <paramref name="trainer"/>'s checkpoint directory when <paramref name="removeWhenDone"/> says it
    /// was kept only to survive an interruption, which a saved model makes moot.</summary>
    public static void Remove(bool removeWhenDone, MlpTrainer.Options trainer)
    {
        if (removeWhenDone && trainer.CheckpointDirectory is { } checkpoint && Directory.Exists(checkpoint))
            Directory.Delete(checkpoint, recursive: true);
    }
}
