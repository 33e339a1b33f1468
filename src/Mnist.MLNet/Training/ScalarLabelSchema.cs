namespace Mnist.MLNet.Training;

/// <summary>Label checks of the one-output trainers: a scalar label of one type (Boolean for binary classification,
/// Single for regression); errors name the column and both types.</summary>
internal static class ScalarLabelSchema
{
    /// <summary>Checks a label column of data about to be read.</summary>
    /// <param name="what">The data being checked, for the message ("training data", "ValidationSet").</param>
    public static void Check(DataViewSchema.Column label, DataViewType labelType, string what)
    {
        if (!label.Type.Equals(labelType))
            throw SchemaError($"Schema mismatch for label column '{label.Name}' in the {what}: expected {labelType}, got {label.Type}.");
    }

    /// <summary>Checks the label of an input shape.</summary>
    public static void Check(SchemaShape.Column label, DataViewType labelType)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || label.IsKey || !label.ItemType.Equals(labelType))
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected {labelType}, got {Describe(label)}.");
    }

    /// <summary>Reads a Boolean label as key 1 (false) or 2 (true), the class indices 0 and 1 the loss trains on.</summary>
    public static Func<DataViewRowCursor, ValueGetter<uint>> BooleanKeys(string labelColumnName) => cursor =>
    {
        var get = cursor.GetGetter<bool>(cursor.Schema[labelColumnName]);
        bool value = false;
        return (ref uint key) =>
        {
            get(ref value);
            key = value ? 2u : 1u;
        };
    };

    private static ArgumentOutOfRangeException SchemaError(string message) => new("inputSchema", message);

    private static string Describe(SchemaShape.Column column) =>
        (column.Kind == SchemaShape.Column.VectorKind.Scalar ? "" : column.Kind + " of ") + column.ItemType + (column.IsKey ? " key" : "");
}
