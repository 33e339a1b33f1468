// TEMPORARY stand-in until the ONNX scoring branch lands
using Microsoft.ML;
using Microsoft.ML.Data;
using Mnist.MLNet.Training;
namespace Mnist.MLNet.Scoring;
public sealed class MlpTransformer : ITransformer
{
    internal MlpTransformer(MLContext ml, MlpWeights weights, string features, DataViewSchema.Column label, string score, string predicted, IReadOnlyList<EpochMetrics> history)
    { Weights = weights; History = history; }
    public MlpWeights Weights { get; }
    public IReadOnlyList<EpochMetrics> History { get; }
    public bool IsRowToRowMapper => false;
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => throw new NotImplementedException();
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotImplementedException();
    public void Save(ModelSaveContext ctx) => throw new NotImplementedException();
    public IDataView Transform(IDataView input) => throw new NotImplementedException();
}
