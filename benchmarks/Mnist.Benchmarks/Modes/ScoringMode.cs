using Mnist.TestSupport;

namespace Mnist.Benchmarks;

/// <summary>Scoring speed: bulk Transform of the 10,000 test images (in memory and reloaded), single
/// PredictionEngine latency, and load-to-first-prediction of a saved zip.</summary>
public sealed class ScoringMode : IBenchmarkMode
{
    public string Name => "scoring";
    public string Summary => "Transform of 10,000 test images, PredictionEngine p50/p99, load-to-first-prediction";

    private readonly Option<int> _rounds = SharedOptions.Rounds(7);

    public IEnumerable<Option> Options => [_rounds, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        int rounds = args.GetValue(_rounds);
        string data = SharedOptions.DataDirectory(args);
        using var setup = new ScoringModel(data);
        var ml = setup.MLContext;
        var reloaded = new MLContext().Model.Load(setup.ZipPath, out _);
        output.WriteLine($"scoring: 784-512-256-10 model, {setup.Digits.Length} cached test images, {rounds} rounds");

        var bulk = new Table("path", "median ms", "min ms", "rows/s (median)", "vs ML.NET chain");
        var chain = TimeTransform(setup.Model.Chain, setup.Test, rounds);
        foreach (var (name, model) in new (string, ITransformer)[]
                 {
                     ("MlpTransformer.Transform (blocks of 1024)", setup.Model),
                     ("ML.NET chain (OnnxTransformer, row by row)", setup.Model.Chain),
                     ("reloaded zip .Transform", reloaded),
                 })
        {
            var ms = name.StartsWith("ML.NET", StringComparison.Ordinal) ? chain : TimeTransform(model, setup.Test, rounds);
            bulk.Add(name, Stats.Median(ms), ms.Min(), setup.Digits.Length / Stats.Median(ms) * 1000, Stats.Median(chain) / Stats.Median(ms));
        }
        output.WriteLine("Transform + GetColumn(PredictedLabel) + GetColumn(Score), 10,000 rows (goal <= 100 ms):");
        bulk.Write(output);

        output.WriteLine();
        output.WriteLine("PredictionEngine.Predict, one image (goal p50 <= 20 µs):");
        var latency = new Table("model", "p50 µs", "p90 µs", "p99 µs", "mean µs");
        foreach (var (name, model) in new (string, ITransformer)[] { ("in memory", setup.Model), ("reloaded zip", reloaded) })
        {
            using var engine = ml.Model.CreatePredictionEngine<MnistImage, MnistPrediction>(model);
            var us = PredictLatency(engine, setup.Digits);
            latency.Add(name, Percentile(us, 0.50), Percentile(us, 0.90), Percentile(us, 0.99), us.Average());
        }
        foreach (var threads in new[] { 0, 1 })
        {
            var us = RawOnnxLatency(setup, threads);
            latency.Add($"ONNX Runtime alone, intra-op threads {(threads == 0 ? "default" : threads)}", Percentile(us, 0.50), Percentile(us, 0.90), Percentile(us, 0.99), us.Average());
        }
        latency.Write(output);

        output.WriteLine();
        var warm = Stopwatch.StartNew();
        var fresh = new MLContext();
        using (var engine = fresh.Model.CreatePredictionEngine<MnistImage, MnistPrediction>(fresh.Model.Load(setup.ZipPath, out _)))
            engine.Predict(setup.Digits[0]);
        output.WriteLine($"load zip to first prediction, warm process: {warm.Elapsed.TotalMilliseconds:F0} ms");
        var cold = ChildProcess.RunSelf(["scoring-child", "--model", setup.ZipPath, "--data", data]);
        output.WriteLine($"load zip to first prediction, new process: {ChildProcess.Value(cold, "loadToFirstMs"):F0} ms " +
                         $"(process start to first prediction {ChildProcess.Value(cold, "startToFirstMs"):F0} ms)");
        return ExitCodes.Success;
    }

    private static List<double> TimeTransform(ITransformer model, IDataView data, int rounds)
    {
        var ms = new List<double>();
        for (int round = 0; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var scored = model.Transform(data);
            using (var cursor = scored.GetRowCursor([scored.Schema["PredictedLabel"], scored.Schema["Score"]]))
            {
                var label = cursor.GetGetter<uint>(scored.Schema["PredictedLabel"]);
                var score = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
                uint l = 0;
                VBuffer<float> s = default;
                while (cursor.MoveNext()) { label(ref l); score(ref s); }
            }
            if (round > 0) ms.Add(clock.Elapsed.TotalMilliseconds);   // round 0 warms up
        }
        return ms;
    }

    private static double[] PredictLatency(PredictionEngine<MnistImage, MnistPrediction> engine, MnistImage[] digits)
    {
        for (int i = 0; i < 2000; i++) engine.Predict(digits[i % digits.Length]);
        var us = new double[digits.Length];
        for (int i = 0; i < digits.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            engine.Predict(digits[i]);
            us[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        return us;
    }

    // The floor under PredictionEngine: the same graph, one row, preallocated input and output buffers.
    private static double[] RawOnnxLatency(ScoringModel setup, int intraOpThreads)
    {
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions();
        if (intraOpThreads > 0) options.IntraOpNumThreads = intraOpThreads;
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(Mnist.MLNet.Network.MlpOnnxGraph.Export(setup.Model.Weights), options);
        var input = new float[784];
        var scores = new float[10];
        var index = new long[1];
        using var inputValue = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(input, [1, 784]);
        using var scoreValue = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(scores, [1, 10]);
        using var indexValue = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(index, [1]);
        using var run = new Microsoft.ML.OnnxRuntime.RunOptions();
        string[] inputs = ["Features"], outputs = ["Score", "PredictedIndex"];
        void Predict(float[] features)
        {
            features.CopyTo(input, 0);
            session.Run(run, inputs, [inputValue], outputs, [scoreValue, indexValue]);
        }
        for (int i = 0; i < 2000; i++) Predict(setup.Digits[i % setup.Digits.Length].Features);
        var us = new double[setup.Digits.Length];
        for (int i = 0; i < us.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Predict(setup.Digits[i].Features);
            us[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        return us;
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }
}

/// <summary>Hidden: a fresh process that loads a zip and makes one prediction, reporting how long it took.</summary>
public sealed class ScoringChildMode : IBenchmarkMode
{
    public string Name => "scoring-child";
    public string Summary => "(internal) cold load-to-first-prediction";
    public bool Hidden => true;

    private readonly Option<string> _model = new("--model") { Description = "The model zip to load", HelpName = "FILE", Required = true };

    public IEnumerable<Option> Options => [_model, SharedOptions.Data];

    public int Run(ParseResult args, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var ml = new MLContext();
        var model = ml.Model.Load(args.GetValue(_model)!, out _);
        using var engine = ml.Model.CreatePredictionEngine<MnistImage, MnistPrediction>(model);
        engine.Predict(new MnistImage { Features = new float[784] });
        double loadToFirst = clock.Elapsed.TotalMilliseconds;
        double startToFirst = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        output.WriteLine(FormattableString.Invariant($"RESULT loadToFirstMs={loadToFirst:F1} startToFirstMs={startToFirst:F1}"));
        return ExitCodes.Success;
    }
}
