using System.Numerics;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>Adam, or AdamW with <c>decoupled</c>, computed as <c>torch.optim.Adam</c>/<c>AdamW</c> do (bias-corrected
/// moments, epsilon added after the square root), in one pass over parameters, gradients and both moments.</summary>
internal sealed unsafe class FusedAdam(FlatParameters parameters, double weightDecay, bool decoupled, int threads,
    double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    : FusedOptimizer(parameters, stateBuffers: 2, threads)
{
    protected override void Update(long start, long end, double learningRate)
    {
        float* p = Parameters.Values, g = Parameters.Gradients, m = State(0), v = State(1);
        double correction1 = 1 - Math.Pow(beta1, StepCount), correction2 = 1 - Math.Pow(beta2, StepCount);
        float b1 = (float)beta1, c1 = (float)(1 - beta1), b2 = (float)beta2, c2 = (float)(1 - beta2);
        float rootCorrection2 = (float)Math.Sqrt(correction2), eps = (float)epsilon;
        float negativeStep = (float)(-learningRate / correction1);
        // Adam adds the L2 term to the gradient; AdamW shrinks the weight before the update.
        float l2 = decoupled ? 0f : (float)weightDecay;
        float shrink = decoupled ? (float)(1 - learningRate * weightDecay) : 1f;

        // Operation by operation as libtorch's kernels round: add with alpha is a fused multiply-add, addcmul
        // multiplies value, t1 and t2 left to right, addcdiv divides value * t1 by t2.
        long i = start;
        if (Vector.IsHardwareAccelerated)
        {
            var vb1 = new Vector<float>(b1); var vc1 = new Vector<float>(c1);
            var vb2 = new Vector<float>(b2); var vc2 = new Vector<float>(c2);
            var vRoot = new Vector<float>(rootCorrection2); var vEps = new Vector<float>(eps);
            var vStep = new Vector<float>(negativeStep); var vL2 = new Vector<float>(l2); var vShrink = new Vector<float>(shrink);
            for (; i <= end - Vector<float>.Count; i += Vector<float>.Count)
            {
                var pi = Vector.Load(p + i);
                var gi = Vector.FusedMultiplyAdd(pi, vL2, Vector.Load(g + i));
                pi *= vShrink;
                var mi = Vector.FusedMultiplyAdd(gi, vc1, Vector.Load(m + i) * vb1);
                var vi = Vector.Load(v + i) * vb2 + vc2 * gi * gi;
                var denominator = Vector.SquareRoot(vi) / vRoot + vEps;
                (pi + vStep * mi / denominator).Store(p + i);
                mi.Store(m + i);
                vi.Store(v + i);
            }
        }
        for (; i < end; i++)
        {
            float gi = MathF.FusedMultiplyAdd(p[i], l2, g[i]);
            p[i] *= shrink;
            m[i] = MathF.FusedMultiplyAdd(gi, c1, m[i] * b1);
            v[i] = v[i] * b2 + c2 * gi * gi;
            p[i] += negativeStep * m[i] / (MathF.Sqrt(v[i]) / rootCorrection2 + eps);
        }
    }
}
