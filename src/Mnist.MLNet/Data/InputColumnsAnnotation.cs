using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mnist.MLNet.Data;

/// <summary>Marks a feature column as made from the raw columns of a table: an annotation holding those columns as
/// JSON. <c>TabularTraining</c> sets it on the training rows; the trainer copies it into the model card, so
/// the saved model knows which columns to ask for.</summary>
public static class InputColumnsAnnotation
{
    /// <summary>The annotation's name on the feature column.</summary>
    public const string Kind = "Mnist.InputColumns";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary><paramref name="data"/> with <paramref name="columns"/> annotated on its column <paramref name="featureColumnName"/>.</summary>
    public static IDataView Annotate(IDataView data, string featureColumnName, IReadOnlyList<InputColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        var json = JsonSerializer.Serialize(columns, Json);
        return new AnnotatedDataView(data, featureColumnName, Kind, json);
    }

    /// <summary>The raw columns recorded on <paramref name="column"/>, or null when it carries none.</summary>
    public static IReadOnlyList<InputColumn>? Read(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull(Kind)?.Type is not TextDataViewType) return null;
        ReadOnlyMemory<char> json = default;
        column.Annotations.GetValue(Kind, ref json);
        return JsonSerializer.Deserialize<InputColumn[]>(json.Span, Json);
    }
}
