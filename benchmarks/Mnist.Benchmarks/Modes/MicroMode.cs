using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Mnist.Benchmarks;

/// <summary>BenchmarkDotNet micro measurements of the data path (<see cref="DataPathBenchmarks"/>).</summary>
public sealed class MicroMode : IBenchmarkMode
{
    public string Name => "micro";
    public string Summary => "BenchmarkDotNet: IDX reading and TrainingSet.Read throughput (in process, short run)";

    public IEnumerable<Option> Options => [SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        DataPathBenchmarks.DataDirectory = SharedOptions.DataDirectory(args);
        // In process: the data directory is a static, and a short run keeps this to about a minute on 2 cores.
        var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(1).WithIterationCount(5);
        var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<DataPathBenchmarks>(config);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? ExitCodes.Failed : ExitCodes.Success;
    }
}
