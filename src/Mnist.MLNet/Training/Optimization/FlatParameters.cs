using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mnist.MLNet.Training.Optimization;

/// <summary>A module's parameters and gradients moved into two contiguous buffers: each parameter becomes a view
/// into one float tensor, each gradient a view into another, so an optimizer can update everything in one pass.</summary>
/// <remarks>The buffers never move: the module keeps the same <see cref="Parameter"/> objects, their storage is
/// re-pointed once (<c>set_</c>), and autograd accumulates into the gradient views in place because they already
/// exist when <c>backward</c> runs. Zeroing the gradients is one fill of one buffer.</remarks>
internal sealed unsafe class FlatParameters : IDisposable
{
    private readonly Tensor _values;
    private readonly Tensor _gradients;

    public FlatParameters(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        Length = parameters.Sum(p => p.numel());
        _values = zeros(Length);
        _gradients = zeros(Length);
        var offsets = new long[parameters.Count];
        using (no_grad())
        {
            long offset = 0;
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                offsets[i] = offset;
                using var value = _values.narrow(0, offset, p.numel()).view(p.shape);
                value.copy_(p);
                p.set_(value);
                p.grad = _gradients.narrow(0, offset, p.numel()).view(p.shape);
                offset += p.numel();
            }
        }
        Offsets = offsets;
        Values = (float*)Address(_values);
        Gradients = (float*)Address(_gradients);
    }

    /// <summary>The parameters, in the order their values lie in the buffers.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Where each parameter starts in the buffers.</summary>
    public IReadOnlyList<long> Offsets { get; }

    /// <summary>Number of floats in each buffer.</summary>
    public long Length { get; }

    /// <summary>The first parameter value; the buffer lives as long as this object.</summary>
    public float* Values { get; }

    /// <summary>The first gradient; the buffer lives as long as this object.</summary>
    public float* Gradients { get; }

    /// <summary>All parameter values as one tensor (shares memory with the module's parameters).</summary>
    public Tensor ValueTensor => _values;

    /// <summary>All gradients as one tensor (shares memory with the parameters' <c>grad</c>).</summary>
    public Tensor GradientTensor => _gradients;

    /// <summary>Zeroes every gradient in place, keeping the views autograd accumulates into.</summary>
    public void ZeroGradients() => new Span<float>(Gradients, checked((int)Length)).Clear();

    private static IntPtr Address(Tensor t)
    {
        fixed (byte* p = t.bytes) return (IntPtr)p;
    }

    public void Dispose()
    {
        _values.Dispose();
        _gradients.Dispose();
    }
}
