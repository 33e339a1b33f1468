using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Mnist.MLNet.Scoring;

/// <summary>Thread-safe single predictions for servers: <see cref="PredictionEngine{TSrc, TDst}"/> is not
/// thread-safe, so each call borrows an engine from a pool and returns it.</summary>
/// <remarks>Engines are created on demand (one per concurrent caller at most) and reused; results equal those of
/// one engine used sequentially.</remarks>
public sealed class PooledPredictionEngine<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly DefaultObjectPool<PredictionEngine<TSrc, TDst>> _pool;
    private readonly EnginePolicy _policy;

    public PooledPredictionEngine(MLContext mlContext, ITransformer model, int maximumRetained = 0)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        _policy = new EnginePolicy(mlContext, model);
        _pool = new DefaultObjectPool<PredictionEngine<TSrc, TDst>>(_policy,
            maximumRetained > 0 ? maximumRetained : Environment.ProcessorCount * 2);
    }

    /// <summary>Predicts one example on a pooled engine.</summary>
    public TDst Predict(TSrc example)
    {
        var engine = _pool.Get();
        try
        {
            return engine.Predict(example);
        }
        finally
        {
            _pool.Return(engine);
        }
    }

    public void Dispose() => _policy.Dispose();

    private sealed class EnginePolicy(MLContext mlContext, ITransformer model) : IPooledObjectPolicy<PredictionEngine<TSrc, TDst>>, IDisposable
    {
        private readonly List<PredictionEngine<TSrc, TDst>> _created = [];

        public PredictionEngine<TSrc, TDst> Create()
        {
            var engine = mlContext.Model.CreatePredictionEngine<TSrc, TDst>(model);
            lock (_created) _created.Add(engine);
            return engine;
        }

        public bool Return(PredictionEngine<TSrc, TDst> engine) => true;

        public void Dispose()
        {
            lock (_created)
            {
                foreach (var engine in _created) engine.Dispose();
                _created.Clear();
            }
        }
    }
}
