namespace Mnist.MLNet.Network.Layers;

/// <summary>One layer of a declared stack (as in Keras <c>Sequential</c> or <c>torch.nn.Sequential</c>): what it
/// is, not its weights. <see cref="LayerStack"/> holds a list of them.</summary>
public abstract record LayerSpec
{
    private protected LayerSpec() { }

    /// <summary>The layer's token in the stack's spelling (<c>conv32k3</c>, <c>pool2</c>, ...), without the ReLU that
    /// a <c>conv</c> or <c>dense</c> token implies.</summary>
    public abstract string Token { get; }

    /// <summary>The shape this layer gives for <paramref name="input"/>, or why it cannot take that input.</summary>
    internal abstract (ActivationShape Output, string? Refusal) Apply(ActivationShape input);

    public sealed override string ToString() => Token;
}

/// <summary>A fully connected layer (<c>nn.Linear</c>) of <see cref="Units"/> outputs; it reads a vector.</summary>
public sealed record DenseLayer : LayerSpec
{
    public DenseLayer(int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        Units = units;
    }

    public int Units { get; }

    public override string Token => $"dense{Units}";

    internal override (ActivationShape, string?) Apply(ActivationShape input) =>
        input.IsImage ? (input, $"reads a vector, got a {input} image (add flatten)") : (ActivationShape.Vector(Units), null);
}

/// <summary>A 2-D convolution (<c>nn.Conv2d</c>) of <see cref="Filters"/> square <see cref="Kernel"/> x
/// <see cref="Kernel"/> filters, moved <see cref="Stride"/> pixels at a time over the input zero-padded by
/// <see cref="Padding"/> pixels on each side.</summary>
public sealed record Conv2dLayer : LayerSpec
{
    public Conv2dLayer(int filters, int kernel, int stride = 1, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        (Filters, Kernel, Stride, Padding) = (filters, kernel, stride, padding);
    }

    public int Filters { get; }
    public int Kernel { get; }
    public int Stride { get; }
    public int Padding { get; }

    public override string Token => $"conv{Filters}k{Kernel}" + (Stride == 1 ? "" : $"s{Stride}") + (Padding == 0 ? "" : $"p{Padding}");

    internal override (ActivationShape, string?) Apply(ActivationShape input)
    {
        if (!input.IsImage) return (input, $"reads an image, got a vector of {input.Size}");
        int rows = (input.Rows + 2 * Padding - Kernel) / Stride + 1, columns = (input.Columns + 2 * Padding - Kernel) / Stride + 1;
        return input.Rows + 2 * Padding < Kernel || input.Columns + 2 * Padding < Kernel
            ? (input, $"its {Kernel}x{Kernel} kernel does not fit a {input} input padded by {Padding}")
            : (ActivationShape.Image(Filters, rows, columns), null);
    }
}

/// <summary>2-D max-pooling (<c>nn.MaxPool2d</c>) over <see cref="Size"/> x <see cref="Size"/> windows moved
/// <see cref="Stride"/> pixels at a time (rows that do not fill a window are dropped, as PyTorch does).</summary>
public sealed record MaxPoolLayer : LayerSpec
{
    public MaxPoolLayer(int size, int? stride = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (stride is int s) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(s, nameof(stride));
        (Size, Stride) = (size, stride ?? size);
    }

    public int Size { get; }

    /// <summary>Defaults to <see cref="Size"/>: windows side by side.</summary>
    public int Stride { get; }

    public override string Token => $"pool{Size}" + (Stride == Size ? "" : $"s{Stride}");

    internal override (ActivationShape, string?) Apply(ActivationShape input)
    {
        if (!input.IsImage) return (input, $"reads an image, got a vector of {input.Size}");
        return input.Rows < Size || input.Columns < Size
            ? (input, $"its {Size}x{Size} window does not fit a {input} input")
            : (ActivationShape.Image(input.Channels, (input.Rows - Size) / Stride + 1, (input.Columns - Size) / Stride + 1), null);
    }
}

/// <summary>Reads an image as a flat vector (<c>nn.Flatten</c>), channel-major as PyTorch lays it out.</summary>
public sealed record FlattenLayer : LayerSpec
{
    public override string Token => "flatten";

    internal override (ActivationShape, string?) Apply(ActivationShape input) => (input.Flattened, null);
}

/// <summary>Zeroes each activation with probability <see cref="Rate"/> while training (<c>nn.Dropout</c>);
/// nothing when scoring.</summary>
public sealed record DropoutLayer : LayerSpec
{
    public DropoutLayer(double rate)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "Must be in [0, 1).");
        Rate = rate;
    }

    public double Rate { get; }

    public override string Token => $"drop{Rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    internal override (ActivationShape, string?) Apply(ActivationShape input) => (input, null);
}

/// <summary>Batch normalisation: <c>nn.BatchNorm2d</c> over an image's channels, <c>nn.BatchNorm1d</c> over a
/// vector's values.</summary>
public sealed record BatchNormLayer : LayerSpec
{
    /// <summary>PyTorch's default epsilon, which the ONNX graph repeats.</summary>
    public const double Epsilon = 1e-5;

    public override string Token => "bn";

    internal override (ActivationShape, string?) Apply(ActivationShape input) => (input, null);
}

/// <summary>The rectifier, <c>max(x, 0)</c> (<c>nn.ReLU</c>).</summary>
public sealed record ReluLayer : LayerSpec
{
    public override string Token => "relu";

    internal override (ActivationShape, string?) Apply(ActivationShape input) => (input, null);
}
