namespace Mnist.MLNet.Scoring.Tabular;

/// <summary>One raw input column of a tabular model, as its model card records it.</summary>
/// <param name="Name">The column's name in the CSV header (and the field name of a JSON row).</param>
/// <param name="Kind">How the model reads its values.</param>
/// <param name="Categories">For <see cref="InputColumnKind.Category"/>, the values training saw, in key order; for a
/// multiclass label, its classes (numbers too); null otherwise.</param>
public sealed record InputColumn(string Name, InputColumnKind Kind, IReadOnlyList<string>? Categories = null)
{
    /// <summary>The ML.NET type the column is loaded as.</summary>
    public Microsoft.ML.Data.DataKind DataKind => Kind switch
    {
        InputColumnKind.Number => Microsoft.ML.Data.DataKind.Single,
        InputColumnKind.Boolean => Microsoft.ML.Data.DataKind.Boolean,
        _ => Microsoft.ML.Data.DataKind.String,
    };

    /// <summary>The kind as users read it: <c>number</c>, <c>boolean</c> or <c>category</c>.</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();
}
