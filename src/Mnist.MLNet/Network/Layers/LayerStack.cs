namespace Mnist.MLNet.Network.Layers;

/// <summary>A declared stack of layers, read in order (the spirit of Keras <c>Sequential</c>): the hidden part of a
/// network, to which the trainer adds the flatten and the output layer that the data calls for.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(LayerStackJsonConverter))]
public sealed class LayerStack : IEquatable<LayerStack>
{
    /// <summary>A stack of <paramref name="layers"/>, first to last.</summary>
    public LayerStack(IEnumerable<LayerSpec> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        Layers = [.. layers];
        if (Layers.Any(l => l is null)) throw new ArgumentException("A layer is null.", nameof(layers));
    }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Reads the CLI spelling (<see cref="LayerSpelling"/>), e.g. <c>conv32k3,pool2,conv64k3,pool2,dense128</c>.</summary>
    /// <exception cref="LayerSpellingException">A token is not a layer; the message names it.</exception>
    public static LayerStack Parse(string spelling) => new(LayerSpelling.Parse(spelling));

    /// <summary>Whether a layer needs its input as an image (so the features must carry an image shape).</summary>
    public bool ReadsImages => Layers.Any(l => l is Conv2dLayer or MaxPoolLayer);

    /// <summary>The shape after each layer for inputs of <paramref name="input"/>; a dense layer on an image reads
    /// it flattened.</summary>
    /// <param name="columnName">The feature column, named in the error.</param>
    /// <exception cref="LayerShapeException">A layer cannot take what the one before gives it.</exception>
    public IReadOnlyList<ActivationShape> InferShapes(ActivationShape input, string columnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(columnName);
        var shapes = new List<ActivationShape>(Layers.Count);
        var current = input;
        for (int i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            var (output, refusal) = layer.Apply(layer is DenseLayer ? current.Flattened : current);
            if (refusal is not null) throw new LayerShapeException(columnName, input, i + 1, layer, current, refusal);
            shapes.Add(current = output);
        }
        return shapes;
    }

    /// <summary>The whole network for <paramref name="input"/> and <paramref name="outputs"/> outputs: this stack
    /// with a flatten before the first layer that reads a vector from an image, and a linear output layer last.</summary>
    /// <exception cref="LayerShapeException">A layer does not fit; the message names <paramref name="columnName"/>
    /// and the layer.</exception>
    public LayerStack ForNetwork(ActivationShape input, int outputs, string columnName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        var shapes = InferShapes(input, columnName);
        var layers = new List<LayerSpec>();
        var current = input;
        for (int i = 0; i < Layers.Count; i++)
        {
            if (Layers[i] is DenseLayer && current.IsImage) layers.Add(new FlattenLayer());
            layers.Add(Layers[i]);
            current = shapes[i];
        }
        if (current.IsImage) layers.Add(new FlattenLayer());
        layers.Add(new DenseLayer(outputs));
        return new LayerStack(layers);
    }

    /// <summary>The stack's spelling, which <see cref="Parse"/> reads back.</summary>
    public override string ToString() => LayerSpelling.Write(Layers);

    public bool Equals(LayerStack? other) => other is not null && Layers.SequenceEqual(other.Layers);

    public override bool Equals(object? obj) => Equals(obj as LayerStack);

    public override int GetHashCode() => Layers.Aggregate(Layers.Count, (hash, layer) => HashCode.Combine(hash, layer));
}
