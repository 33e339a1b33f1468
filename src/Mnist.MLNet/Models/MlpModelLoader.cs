using Microsoft.ML.Transforms.Onnx;
using Onnx;

namespace Mnist.MLNet.Models;

/// <summary>Loads a saved model zip with its MLP as a prediction transformer again (<see cref="MlpTransformer"/>,
/// <see cref="BinaryMlpTransformer"/> or <see cref="RegressionMlpTransformer"/>; a layer stack as an
/// <see cref="MlpTransformer"/> whose model holds <see cref="MlpModelParameters.LayerStack"/>), so permutation feature importance
/// and weight inspection work on a model read from disk as on the one just fitted.</summary>
/// <remarks>ML.NET loads the saved chain as it was written (the MLP's part is a plain chain of built-in transforms
/// around the ONNX graph, which Mnist.MLNet.Scoring alone can score). This loader reads the weights and the card from
/// that graph and puts the matching prediction transformer in place of that part, around the very chain ML.NET
/// loaded: the scores stay the same. Every zip a version of Mnist.MLNet with model cards saved loads this way.</remarks>
public static class MlpModelLoader
{
    /// <summary>Loads the model saved at <paramref name="path"/>, like <c>mlContext.Model.Load</c>, with the MLP as its
    /// prediction transformer.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SavedModelException">Not a loadable model zip, or none holding an MLP fitted by Mnist.MLNet.</exception>
    public static TransformerChain<ITransformer> LoadWithMlp(this ModelOperationsCatalog catalog, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: no such model file", full);
        using var stream = File.OpenRead(full);
        return Load(catalog, stream, full, out inputSchema);
    }

    /// <summary>Loads the model in <paramref name="stream"/>, like <c>mlContext.Model.Load</c>, with the MLP as its
    /// prediction transformer.</summary>
    /// <exception cref="SavedModelException">Not a loadable model zip, or none holding an MLP fitted by Mnist.MLNet.</exception>
    public static TransformerChain<ITransformer> LoadWithMlp(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        return Load(catalog, stream, "the model stream", out inputSchema);
    }

    private static TransformerChain<ITransformer> Load(ModelOperationsCatalog catalog, Stream stream, string source, out DataViewSchema inputSchema)
    {
        // The zip is read twice (its graph, then ML.NET's chain), so a stream that cannot seek is buffered first.
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        var (model, graph) = SavedModel.Read(SavedGraph.Read(buffer, source), source);
        buffer.Position = 0;
        ITransformer loaded;
        try
        {
            loaded = catalog.Load(buffer, out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SavedModelException(source, $"not a loadable ML.NET model zip ({e.Message.Split('\n')[0]})", e);
        }

        var replaced = Replace(loaded, part => Wrap(part, model, graph));
        if (ReferenceEquals(replaced, loaded))
            throw new SavedModelException(source, "its chain holds no ONNX transform of the graph its model card describes");
        return replaced as TransformerChain<ITransformer> ?? new TransformerChain<ITransformer>(replaced);
    }

    /// <summary><paramref name="model"/> with the first part <paramref name="wrap"/> accepts replaced (nested chains
    /// searched depth first); the same object when no part is accepted.</summary>
    private static ITransformer Replace(ITransformer model, Func<TransformerChain<ITransformer>, ITransformer?> wrap)
    {
        if (model is not TransformerChain<ITransformer> chain) return model;
        if (wrap(chain) is { } wrapped) return wrapped;
        var parts = chain.ToArray();
        for (int i = 0; i < parts.Length; i++)
        {
            var part = Replace(parts[i], wrap);
            if (ReferenceEquals(part, parts[i])) continue;
            parts[i] = part;
            return new TransformerChain<ITransformer>(parts);
        }
        return model;
    }

    /// <summary>The prediction transformer around <paramref name="part"/> when it is the MLP's chain: the ONNX transform
    /// of the card's graph first, writing the column the task's mapping reads; otherwise null.</summary>
    private static ITransformer? Wrap(TransformerChain<ITransformer> part, MlpModelParameters model, ModelProto graph)
    {
        if (part.FirstOrDefault() is not OnnxTransformer onnx) return null;
        var card = model.Card;
        var features = FeaturesSchema(card);
        string graphOutput = card.Task switch
        {
            MlpTask.BinaryClassification => BinaryScoreMapping.LogitVectorColumnName,
            MlpTask.Regression => ScoreVectorRow.Column,
            _ => PredictedIndexVectorRow.Column,
        };
        if (onnx.GetOutputSchema(features).GetColumnOrNull(graphOutput) is null) return null;
        return card.Task switch
        {
            MlpTask.BinaryClassification => new BinaryMlpTransformer(model, part, ProbabilityColumn(part, features, card)),
            MlpTask.Regression => new RegressionMlpTransformer(model, part),
            _ => new MlpTransformer(model, graph, part),
        };
    }

    // The binary chain adds score, probability and predicted label; the card names two of them.
    private static string ProbabilityColumn(ITransformer part, DataViewSchema features, ModelCard card) =>
        part.GetOutputSchema(features)
            .Where(c => !c.IsHidden && c.Name != card.FeatureColumnName && c.Name != card.ScoreColumnName
                && c.Name != card.PredictedLabelColumnName && c.Type == NumberDataViewType.Single)
            .Select(c => c.Name).FirstOrDefault() ?? "Probability";

    private static DataViewSchema FeaturesSchema(ModelCard card)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(card.FeatureColumnName, new VectorDataViewType(NumberDataViewType.Single, card.FeatureSize));
        return builder.ToSchema();
    }
}
