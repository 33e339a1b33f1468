using System.Numerics;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>Stochastic gradient descent with momentum and L2 weight decay, computed as <c>torch.optim.SGD</c> does
/// (no dampening; the first step's momentum buffer is the gradient itself), in one pass.</summary>
internal sealed unsafe class FusedSgd(FlatParameters parameters, double momentum, double weightDecay, int threads)
    : FusedOptimizer(parameters, stateBuffers: 1, threads)
{
    protected override void Update(long start, long end, double learningRate)
    {
        float* p = Parameters.Values, g = Parameters.Gradients, buffer = State(0);
        float mu = (float)momentum, decay = (float)weightDecay, negativeRate = (float)-learningRate;
        // torch.optim.SGD starts the buffer as a copy of the first gradient; multiplying a zero buffer by 0 is the same.
        float keep = StepCount == 1 ? 0f : mu;
        bool useMomentum = momentum != 0;

        // Rounded as libtorch's kernels round: add with alpha is a fused multiply-add.
        long i = start;
        if (Vector.IsHardwareAccelerated)
        {
            var vKeep = new Vector<float>(keep); var vDecay = new Vector<float>(decay); var vRate = new Vector<float>(negativeRate);
            for (; i <= end - Vector<float>.Count; i += Vector<float>.Count)
            {
                var pi = Vector.Load(p + i);
                var gi = Vector.FusedMultiplyAdd(pi, vDecay, Vector.Load(g + i));
                if (useMomentum)
                {
                    gi = Vector.Load(buffer + i) * vKeep + gi;
                    gi.Store(buffer + i);
                }
                Vector.FusedMultiplyAdd(gi, vRate, pi).Store(p + i);
            }
        }
        for (; i < end; i++)
        {
            float gi = MathF.FusedMultiplyAdd(p[i], decay, g[i]);
            if (useMomentum) gi = buffer[i] = buffer[i] * keep + gi;
            p[i] = MathF.FusedMultiplyAdd(gi, negativeRate, p[i]);
        }
    }
}
