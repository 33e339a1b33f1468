using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Mnist.MLNet.Scoring;

/// <summary>Turns the one-slot <c>PredictedIndex</c> vector from the ONNX graph into a scalar class index.</summary>
/// <remarks>See <see cref="OneSlotMapping{TSource, TDestination}"/> for why a mapping; the contract name is what saved
/// models record.</remarks>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PredictedIndexMapping : OneSlotMapping<PredictedIndexMapping.Source, PredictedIndexMapping.Destination>
{
    /// <summary>The name saved models know this mapping by; never change it.</summary>
    public const string ContractName = "Mnist.MLNet.PredictedIndex";

    /// <summary>Column the ONNX graph writes the arg-max to (unobtrusive: it is dropped again).</summary>
    public const string SourceColumnName = "__Mlp_PredictedIndexVector";

    /// <summary>Column this mapping writes the scalar index to (dropped again too).</summary>
    public const string DestinationColumnName = "__Mlp_PredictedIndex";

    /// <summary>The ONNX output row.</summary>
    public sealed class Source
    {
        /// <summary>Arg-max of the logits, one slot.</summary>
        [ColumnName(SourceColumnName), VectorType(1)]
        public long[] Index { get; set; } = [];
    }

    /// <summary>The scalar row.</summary>
    public sealed class Destination
    {
        /// <summary>0-based class index.</summary>
        [ColumnName(DestinationColumnName)]
        public uint Index { get; set; }
    }

    protected override void Unwrap(Source source, Destination destination) => destination.Index = checked((uint)source.Index[0]);
}
