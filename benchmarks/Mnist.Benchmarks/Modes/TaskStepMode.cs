namespace Mnist.Benchmarks.Modes;

/// <summary>Training speed of each task's loss through the hand-written step and through autograd, on the same
/// random data and network: does the fast step pay off beyond multiclass?</summary>
public sealed class TaskStepMode : IBenchmarkMode
{
    public string Name => "taskstep";

    public string Summary => "samples/s of multiclass, binary, squared and Huber losses: hand-written step vs autograd";

    // Not the shared --rows: here it is how many random rows to make, never 0 for all.
    private readonly Option<int> _rows = new("--rows") { Description = "Random rows to train on", HelpName = "N", DefaultValueFactory = _ => 20_000 };
    private readonly Option<int> _epochs = SharedOptions.Epochs(3);
    private readonly Option<CommaList<int>> _hidden = SharedOptions.Hidden([64, 64]);

    public IEnumerable<Option> Options => [_rows, _epochs, _hidden];

    public int Run(ParseResult args, TextWriter output)
    {
        int rows = args.GetValue(_rows), epochs = args.GetValue(_epochs), width = 32;
        var hidden = args.GetValue(_hidden)!.Values;
        var ml = new MLContext(1);
        var random = new Random(1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i =>
        {
            var x = Enumerable.Range(0, width).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray();
            float y = x[0] * x[1] + MathF.Sin(3 * x[2]);
            return new Row { Features = x, Value = y, Flag = y > 0, Class = (uint)(i % 4) };
        }).ToList());
        data = ml.Transforms.Conversion.MapValueToKey("Key", "Class").Fit(data).Transform(data);
        data = ml.Data.Cache(data);

        var table = new Table("loss", "hand-written samples/s", "autograd samples/s", "speed-up");
        foreach (var (name, fit) in Cases(ml, data, hidden, epochs))
        {
            double manual = SamplesPerSecond(() => fit(false));
            double autograd = SamplesPerSecond(() => fit(true));
            table.Add(name, manual.ToString("F0"), autograd.ToString("F0"), (manual / autograd).ToString("F1") + "x");
        }
        output.WriteLine($"{rows} rows x {width} features, hidden [{string.Join(",", hidden)}], batch 64, {epochs} epochs; mean of the epochs after the first.");
        table.Write(output);
        return ExitCodes.Success;
    }

    private static IEnumerable<(string, Func<bool, IReadOnlyList<Mnist.MLNet.Scoring.EpochMetrics>>)> Cases(
        MLContext ml, IDataView data, int[] hidden, int epochs)
    {
        T Options<T>(bool autograd, string label) where T : MlpTrainerOptions, new() => new()
        {
            HiddenLayers = hidden, MaxEpoch = epochs, Seed = 1, LabelColumnName = label, UseAutograd = autograd,
        };
        yield return ("cross-entropy (4 classes)", a => new MlpTrainer(ml, Options<MlpTrainer.Options>(a, "Key")).Fit(data).History);
        yield return ("binary cross-entropy", a => new BinaryMlpTrainer(ml, Options<BinaryMlpTrainer.Options>(a, "Flag")).Fit(data).History);
        yield return ("squared error", a => new RegressionMlpTrainer(ml, Options<RegressionMlpTrainer.Options>(a, "Value")).Fit(data).History);
        yield return ("Huber", a => new RegressionMlpTrainer(ml, HuberOptions(a)).Fit(data).History);

        RegressionMlpTrainer.Options HuberOptions(bool autograd)
        {
            var options = Options<RegressionMlpTrainer.Options>(autograd, "Value");
            options.Loss = RegressionLossKind.Huber;
            return options;
        }
    }

    // The first epoch includes libtorch's warm-up; the rest measure the step.
    private static double SamplesPerSecond(Func<IReadOnlyList<Mnist.MLNet.Scoring.EpochMetrics>> fit) =>
        fit().Skip(1).Average(m => m.SamplesPerSecond);

    private sealed class Row
    {
        [VectorType(32)] public float[] Features { get; set; } = [];
        public float Value { get; set; }
        public bool Flag { get; set; }
        public uint Class { get; set; }
    }
}
