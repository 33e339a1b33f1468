namespace Mnist.MLNet.Tests.Reliability;

/// <summary>A training process killed (SIGKILL) at any moment, mid-write included, leaves a checkpoint that reads
/// back whole.</summary>
[Collection(LibTorchCollection.Name)]
public class CheckpointKillTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mnist-ckpt-kill-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Checkpoint_TrainingKilledWhileCheckpointing_LastCheckpointStillRestores()
    {
        var benchmark = Path.Combine(AppContext.BaseDirectory.Replace(
            Path.Combine("tests", "Mnist.MLNet.Tests"), Path.Combine("benchmarks", "Mnist.Benchmarks")), "Mnist.Benchmarks.dll");
        var random = new Random(3);
        for (int round = 0; round < 4; round++)
        {
            using var process = ChildProcess.Start(benchmark, "checkpoint-loop", "--checkpoint-dir", _directory, "--data", MnistFixture.Directory);
            Assert.Equal("checkpointing", await process.StandardOutput.ReadLineAsync());   // a checkpoint exists; more are being written
            await Task.Delay(random.Next(0, 150));
            process.Kill();
            await process.WaitForExitAsync();

            var state = Checkpoint.ReadState(_directory);
            Assert.True(state.Epoch >= 2, $"epoch {state.Epoch}");
            TorchRuntime.RunExclusive(() =>
            {
                using var model = new MlpModule(784, [64], 10, dropout: 0);
                using var parameters = new FlatParameters(model.parameters().ToList());
                using var optimizer = new FusedAdam(parameters, weightDecay: 0, decoupled: false, threads: 1);
                var (generator, _) = Checkpoint.Restore(_directory, model, optimizer);
                Assert.NotEmpty(generator);
                return 0;
            });
            // A kill mid-write leaves that write's temporary file (never the final name); the next writer removes it,
            // so leftovers never pile up.
            Assert.InRange(Directory.EnumerateFiles(_directory, ".*.tmp").Count(), 0, 1);
        }
    }
}
