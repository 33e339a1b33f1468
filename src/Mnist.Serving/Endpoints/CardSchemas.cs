using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Mnist.MLNet.Scoring.Tabular;
using Mnist.Serving.Models;

namespace Mnist.Serving.Endpoints;

/// <summary>Rewrites the request bodies of <c>/predict</c> and <c>/predict/batch</c> in the OpenAPI document after the
/// served model's card: a table's input columns as the properties of a row object, a picture model's PNG/JPEG with
/// its size and colour; a digit model keeps the pixel schemas of the endpoints.</summary>
internal static class CardSchemas
{
    public static void Apply(OpenApiDocument document, ServedModel model)
    {
        if (model.Input == ModelInput.Digits) return;
        var single = Operation(document, "/predict");
        var batch = Operation(document, "/predict/batch");
        if (model.Table is { } table)
        {
            var row = Row(table.InputColumns);
            SetBody(single, new() { ["application/json"] = new() { Schema = row } });
            SetBody(batch, new()
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "rows" },
                        Properties = new Dictionary<string, IOpenApiSchema> { ["rows"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = row } },
                        AdditionalPropertiesAllowed = false,
                    },
                },
            });
        }
        else if (model.Pictures is { } pictures)
        {
            var picture = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "binary",
                Description = $"A picture, resized to {pictures.Size}x{pictures.Size} and read in {(pictures.Color ? "colour (RGB)" : "grey")}; " +
                    $"classes: {string.Join(", ", model.Card.ClassLabels)}",
            };
            SetBody(single, new() { ["image/png"] = new() { Schema = picture }, ["image/jpeg"] = new() { Schema = picture } });
            if (batch is not null) batch.Description = "Not for a model of pictures: send each picture to /predict.";
        }
    }

    /// <summary>The JSON schema of one row: every input column required, nothing else allowed.</summary>
    public static OpenApiSchema Row(IReadOnlyList<InputColumn> columns) => new()
    {
        Type = JsonSchemaType.Object,
        Required = columns.Select(c => c.Name).ToHashSet(),
        Properties = columns.ToDictionary(c => c.Name, c => (IOpenApiSchema)Column(c)),
        AdditionalPropertiesAllowed = false,
    };

    // Numbers and categories may be null (missing, as an empty CSV cell); a category's known values are listed, but
    // any string is taken (a value training never saw encodes as all zeros).
    private static OpenApiSchema Column(InputColumn column) => column.Kind switch
    {
        InputColumnKind.Number => new() { Type = JsonSchemaType.Number | JsonSchemaType.Null, Description = "a number; null when missing" },
        InputColumnKind.Boolean => new() { Type = JsonSchemaType.Boolean },
        _ => new()
        {
            Type = JsonSchemaType.String | JsonSchemaType.Null,
            Description = $"a category seen in training: {string.Join(", ", column.Categories ?? [])} (another value is taken too); null when missing",
            Examples = column.Categories is { Count: > 0 } known ? [JsonValue.Create(known[0])] : null,
        },
    };

    private static OpenApiOperation? Operation(OpenApiDocument document, string path) =>
        document.Paths.TryGetValue(path, out var item) && item.Operations?.TryGetValue(HttpMethod.Post, out var operation) == true ? operation : null;

    private static void SetBody(OpenApiOperation? operation, Dictionary<string, OpenApiMediaType> content)
    {
        if (operation is not null) operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
    }
}
