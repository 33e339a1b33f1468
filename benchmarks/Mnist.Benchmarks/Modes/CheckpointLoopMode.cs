namespace Mnist.Benchmarks;

/// <summary>Hidden: trains a tiny network on a few rows for ever, writing a checkpoint after every epoch (a few
/// milliseconds apart), so a test can kill the process while a checkpoint is being written.</summary>
public sealed class CheckpointLoopMode : IBenchmarkMode
{
    public string Name => "checkpoint-loop";
    public string Summary => "(internal) write checkpoints until killed";
    public bool Hidden => true;

    private readonly Option<string> _checkpointDirectory = new("--checkpoint-dir")
    {
        Description = "Where to write the checkpoints", HelpName = "DIR", Required = true,
    };

    public IEnumerable<Option> Options => [_checkpointDirectory, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        var directory = args.GetValue(_checkpointDirectory)!;
        int epochs = 0;
        // Epoch 2 finishing means epoch 1's checkpoint is on disk (each is written after its epoch's report).
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Completed is not null && ++epochs == 2) output.WriteLine("checkpointing");
        });
        MlpTraining.Fit(SharedOptions.DataDirectory(args), new MlpTrainer.Options
        {
            MaxEpoch = int.MaxValue, HiddenLayers = [64], Seed = 1, NumberOfThreads = 1, CheckpointDirectory = directory,
        }, progress, rows: 256);
        return ExitCodes.Success;
    }
}
