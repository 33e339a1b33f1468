using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace Mnist.Serving.Endpoints;

/// <summary>Describes a request body in the OpenAPI document only.</summary>
/// <remarks><c>Accepts()</c> would also make routing answer other content types itself, with an empty 415;
/// the endpoints check the content type so that every refusal carries <c>{"error": ...}</c>.</remarks>
internal static class OpenApiBodies
{
    /// <summary>A JSON body shaped as <typeparamref name="TJson"/>, or a picture of any of <paramref name="imageTypes"/>.</summary>
    public static RouteHandlerBuilder DescribeBody<TJson>(this RouteHandlerBuilder builder, params string[] imageTypes) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(TJson), null, ct) },
            };
            foreach (var type in imageTypes)
                content[type] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
        });
}
