using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mnist.MLNet.Training;

/// <summary>Schema checks of the one-output trainers: a scalar label of one type (Boolean for binary classification,
/// Single for regression) and a known-size Single feature vector; errors name the column and both types.</summary>
internal static class ScalarLabelSchema
{
    /// <summary>Checks <paramref name="schema"/> and returns the feature vector's size.</summary>
    /// <param name="what">The data being checked, for the message ("training data", "ValidationSet").</param>
    public static int Check(DataViewSchema schema, MlpTrainer.Options options, DataViewType labelType, string what)
    {
        var label = schema.GetColumnOrNull(options.LabelColumnName)
            ?? throw SchemaError($"Could not find label column '{options.LabelColumnName}' in the {what}.");
        if (!label.Type.Equals(labelType))
            throw SchemaError($"Schema mismatch for label column '{label.Name}' in the {what}: expected {labelType}, got {label.Type}.");
        var features = schema.GetColumnOrNull(options.FeatureColumnName)
            ?? throw SchemaError($"Could not find feature column '{options.FeatureColumnName}' in the {what}.");
        if (features.Type is not VectorDataViewType { IsKnownSize: true, ItemType: var item, Size: var size } || item != NumberDataViewType.Single)
            throw SchemaError($"Schema mismatch for feature column '{features.Name}' in the {what}: expected known-size vector of Single, got {features.Type}.");
        return size;
    }

    /// <summary>Checks that the validation set's features are as wide as the training data's.</summary>
    public static void CheckValidation(IDataView validation, MlpTrainer.Options options, DataViewType labelType, int inputSize)
    {
        int size = Check(validation.Schema, options, labelType, nameof(MlpTrainer.Options.ValidationSet));
        if (size != inputSize)
            throw SchemaError($"Schema mismatch for feature column '{options.FeatureColumnName}' of {nameof(MlpTrainer.Options.ValidationSet)}: " +
                              $"expected Vector<Single, {inputSize}> as in the training data, got Vector<Single, {size}>.");
    }

    /// <summary>Checks the input shape's label and features, naming the column and the types.</summary>
    public static void Check(SchemaShape inputSchema, MlpTrainer.Options options, DataViewType labelType)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var label = Find(inputSchema, options.LabelColumnName, "label");
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || label.IsKey || !label.ItemType.Equals(labelType))
            throw SchemaError($"Schema mismatch for label column '{label.Name}': expected {labelType}, got {Describe(label)}.");
        var features = Find(inputSchema, options.FeatureColumnName, "feature");
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw SchemaError($"Schema mismatch for feature column '{features.Name}': expected known-size vector of Single, got {Describe(features)}.");
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

    public static ArgumentOutOfRangeException SchemaError(string message) => new("inputSchema", message);

    private static SchemaShape.Column Find(SchemaShape schema, string name, string role)
    {
        var column = schema.FirstOrDefault(c => c.Name == name);
        return column.Name is null ? throw SchemaError($"Could not find {role} column '{name}'.") : column;
    }

    private static string Describe(SchemaShape.Column column) =>
        (column.Kind == SchemaShape.Column.VectorKind.Scalar ? "" : column.Kind + " of ") + column.ItemType + (column.IsKey ? " key" : "");
}
