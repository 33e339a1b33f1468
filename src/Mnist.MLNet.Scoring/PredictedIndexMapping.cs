using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Mnist.MLNet.Scoring;

/// <summary>Turns the one-slot <c>PredictedIndex</c> vector from the ONNX graph into a scalar class index.</summary>
/// <remarks>ML.NET's ONNX transform can only emit vectors and no built-in transform unwraps one, so this small
/// stateless mapping does. The contract name is what a saved model records; ML.NET finds this factory by it when
/// the model is loaded in a process where Mnist.MLNet is loaded.</remarks>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PredictedIndexMapping : CustomMappingFactory<PredictedIndexMapping.Source, PredictedIndexMapping.Destination>
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

    public override Action<Source, Destination> GetMapping() => Map;

    private static void Map(Source source, Destination destination) => destination.Index = checked((uint)source.Index[0]);
}
