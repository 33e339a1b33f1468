using Microsoft.ML.Transforms;

namespace Mnist.MLNet.Scoring;

/// <summary>A stateless mapping that unwraps the ONNX graph's one-slot output vectors into the scalar columns ML.NET's
/// evaluators and prediction engines read.</summary>
/// <remarks>ML.NET's ONNX transform emits only vectors and no built-in transform unwraps one, hence these mappings.
/// Each subclass carries a <see cref="CustomMappingFactoryAttributeAttribute"/> whose contract name saved models
/// record: ML.NET finds the factory by it when a model is loaded, so a contract name never changes. The row types
/// cannot be generic: ML.NET reads their column names from attributes, which must be constants, so each row type names
/// its own columns.</remarks>
public abstract class OneSlotMapping<TSource, TDestination> : CustomMappingFactory<TSource, TDestination>
    where TSource : class, new()
    where TDestination : class, new()
{
    public sealed override Action<TSource, TDestination> GetMapping() => Unwrap;

    /// <summary>Writes <paramref name="destination"/>'s scalars from <paramref name="source"/>'s one-slot vectors.</summary>
    protected abstract void Unwrap(TSource source, TDestination destination);
}
