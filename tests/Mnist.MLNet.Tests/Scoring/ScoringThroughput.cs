using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mnist.MLNet.Data;
using Mnist.MLNet.Scoring;
using Xunit.Abstractions;

namespace Mnist.MLNet.Tests.Scoring;

/// <summary>Prints scoring times; asserts nothing about speed (shared CI cores). Run with
/// <c>--filter Category=Measure --logger "console;verbosity=detailed"</c>.</summary>
public class ScoringThroughput(ITestOutputHelper output)
{
    [Fact, Trait("Category", "Measure")]
    public void Measure_TestSet_TransformAndPredictionEngine()
    {
        var ml = new MLContext(seed: 0);
        var label = TestNetworks.TrainLabelKey(ml, out var toKey);
        var test = ml.Data.LoadMnist(MnistFixture.Directory, MnistSplit.Test);
        // The classic 784-128-10 shape, so timings are those of the real model.
        var random = new Random(1);
        LinearLayer Layer(int i, int o) => new(i, o,
            Enumerable.Range(0, i * o).Select(_ => (float)(random.NextDouble() - 0.5) * 0.1f).ToArray(), new float[o]);
        var mlp = new MlpTransformer(ml, new MlpWeights([Layer(784, 128), Layer(128, 10)]), "Features", label, []);
        var toValue = ml.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(mlp.Transform(toKey.Transform(test)));
        var model = new TransformerChain<ITransformer>(toKey, mlp, toValue);
        var cached = ml.Data.Cache(test);
        _ = cached.GetColumn<uint>("Label").Count();   // fill the cache: time scoring, not gunzip

        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            var predicted = model.Transform(cached).GetColumn<uint>("PredictedLabel").ToArray();
            output.WriteLine($"Transform+GetColumn(PredictedLabel), {predicted.Length} rows: {watch.Elapsed.TotalMilliseconds:F1} ms");
        }

        using var engine = ml.Model.CreatePredictionEngine<MlpTransformerTests.MnistRow, MlpTransformerTests.DigitPrediction>(model);
        var rows = TestNetworks.TestFeatures.Select((x, r) => new MlpTransformerTests.MnistRow { Label = TestNetworks.TestLabels[r], Features = x }).ToArray();
        for (var r = 0; r < 200; r++) engine.Predict(rows[r]);   // warm up
        var timer = Stopwatch.StartNew();
        foreach (var row in rows) engine.Predict(row);
        output.WriteLine($"PredictionEngine.Predict: {timer.Elapsed.TotalMilliseconds * 1000 / rows.Length:F1} µs per row over {rows.Length} rows");

        // The ceiling for a batched path: the same graph straight through ONNX Runtime, 1024 rows a run.
        using var session = new InferenceSession(OnnxExporter.Export(mlp.Weights));
        for (var run = 0; run < 3; run++)
        {
            var batched = Stopwatch.StartNew();
            var buffer = new float[1024 * 784];
            var count = 0L;
            for (var start = 0; start < rows.Length; start += 1024)
            {
                var n = Math.Min(1024, rows.Length - start);
                for (var r = 0; r < n; r++) rows[start + r].Features.CopyTo(buffer, r * 784);
                var input = new DenseTensor<float>(buffer.AsMemory(0, n * 784), [n, 784]);
                using var results = session.Run([NamedOnnxValue.CreateFromTensor("Features", input)]);
                count += results.Single(v => v.Name == "PredictedIndex").AsTensor<long>().Length;
            }
            output.WriteLine($"InferenceSession, batches of 1024, {count} rows: {batched.Elapsed.TotalMilliseconds:F1} ms");
        }
    }
}
