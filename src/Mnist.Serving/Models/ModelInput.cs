namespace Mnist.Serving.Models;

/// <summary>What a served model reads, as its card says: this decides the request bodies, the page and the
/// OpenAPI schema.</summary>
public enum ModelInput
{
    /// <summary>28x28 digit images: JSON pixels, or a PNG/JPEG prepared as MNIST's digits were.</summary>
    Digits,

    /// <summary>The raw columns of a table: one JSON object per row, keyed by the card's input columns.</summary>
    Table,

    /// <summary>Pictures of a trained image folder: a PNG/JPEG resized as the card says.</summary>
    Pictures,
}
