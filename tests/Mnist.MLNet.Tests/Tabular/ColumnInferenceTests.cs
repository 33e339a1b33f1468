using Mnist.MLNet.Scoring.Tabular;
using Mnist.MLNet.Tabular;

namespace Mnist.MLNet.Tests.Tabular;

public class ColumnInferenceTests
{
    [Fact]
    public void Infer_MixedColumns_ReadsNumbersCategoriesBooleansAndLeavesOutIdentifiers()
    {
        using var dir = new TempDirectory();
        var table = CsvTable.Read(CsvFiles.Customers(dir));

        var schema = ColumnInference.Infer(table, "plan");

        Assert.Equal(["age", "city", "member"], schema.Features.Select(c => c.Name));
        Assert.Equal([InputColumnKind.Number, InputColumnKind.Category, InputColumnKind.Boolean], schema.Features.Select(c => c.Kind));
        Assert.Equal(["Lima", "Oslo", "Paris"], schema.Features[1].Categories!.Order());
        Assert.Equal(["age"], schema.ColumnsWithMissingValues);
        var id = Assert.Single(schema.Ignored);
        Assert.Equal("id", id.Name);
        Assert.Equal("text with more than 50 distinct values among 300 (an identifier or free text?)", id.Reason);
        Assert.Equal(MlpTask.MulticlassClassification, schema.Task);
        Assert.Equal(InputColumnKind.Category, schema.Label.Kind);
        Assert.Equal(3, schema.Label.Categories!.Count);
    }

    [Fact]
    public void Infer_IgnoredColumn_IsLeftOut()
    {
        using var dir = new TempDirectory();
        var table = CsvTable.Read(CsvFiles.Customers(dir));

        var schema = ColumnInference.Infer(table, "plan", ignore: ["member"]);

        Assert.Equal(["age", "city"], schema.Features.Select(c => c.Name));
        Assert.Contains(schema.Ignored, c => c.Name == "member");
    }

    [Fact]
    public void Infer_TrueFalseLabel_IsBinary()
    {
        using var dir = new TempDirectory();
        var table = CsvTable.Read(CsvFiles.Customers(dir));

        var schema = ColumnInference.Infer(table, "member");

        Assert.Equal(MlpTask.BinaryClassification, schema.Task);
        Assert.Equal(InputColumnKind.Boolean, schema.Label.Kind);
        Assert.Contains(schema.Features, c => c.Name == "plan" && c.Kind == InputColumnKind.Category);
    }

    [Fact]
    public void Infer_NumericLabel_ThrowsTaskInferenceExceptionSayingHowToChoose()
    {
        using var dir = new TempDirectory();
        var table = CsvTable.Read(CsvFiles.Write(dir, "d.csv", "x,y", "1,3.5", "2,7.25", "3,1", "4,3.5"));

        var e = Assert.Throws<TaskInferenceException>(() => ColumnInference.Infer(table, "y"));

        Assert.Equal("y", e.LabelColumnName);
        Assert.Equal([MlpTask.MulticlassClassification, MlpTask.Regression], e.Candidates);
        Assert.Contains("'y'", e.Message);
        Assert.Contains("--task multiclass or --task regression", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Infer_ZeroOneLabel_OffersBinaryAndReadsItAsBooleanWhenAsked()
    {
        using var dir = new TempDirectory();
        var table = CsvTable.Read(CsvFiles.Write(dir, "d.csv", "x,y", "1,0", "2,1", "3,1", "4,0"));

        var e = Assert.Throws<TaskInferenceException>(() => ColumnInference.Infer(table, "y"));
        var schema = ColumnInference.Infer(table, "y", MlpTask.BinaryClassification);

        Assert.Contains(MlpTask.BinaryClassification, e.Candidates);
        Assert.Equal(InputColumnKind.Boolean, schema.Label.Kind);
    }

    [Fact]
    public void Infer_NumericLabelAsRegression_ReadsANumber()
    {
        var table = CsvTable.Read(ShippedData.Diabetes);

        var schema = ColumnInference.Infer(table, "target", MlpTask.Regression);

        Assert.Equal(InputColumnKind.Number, schema.Label.Kind);
        Assert.Equal(10, schema.Features.Count);
        Assert.All(schema.Features, c => Assert.Equal(InputColumnKind.Number, c.Kind));
    }

    [Theory]
    [InlineData("regression", "not a number")]
    [InlineData("binary", "expected true/false or 0/1")]
    public void Infer_TextLabelWithUnsuitedTask_ThrowsNamingTheLabel(string task, string why)
    {
        using var dir = new TempDirectory();
        var table = CsvTable.Read(CsvFiles.Customers(dir));

        var e = Assert.Throws<TaskInferenceException>(() => ColumnInference.Infer(table, "plan", TaskInference.Names[task]));

        Assert.Contains("label column 'plan'", e.Message);
        Assert.Contains(why, e.Message);
        Assert.Contains("--task multiclass", e.Message);
    }

    [Theory]
    [InlineData("nope", null)]
    [InlineData("plan", "nope")]
    public void Infer_UnknownColumn_ThrowsNamingFileAndColumn(string label, string? ignore)
    {
        using var dir = new TempDirectory();
        var path = CsvFiles.Customers(dir);

        var e = Assert.Throws<TabularInputException>(() => ColumnInference.Infer(CsvTable.Read(path), label, ignore: ignore is null ? null : [ignore]));

        Assert.Equal("nope", e.Column);
        Assert.StartsWith(path + ": column 'nope': no such column", e.Message);
        Assert.Contains("id, age, city, member, plan", e.Message);
    }

    [Fact]
    public void Infer_MissingLabelValue_ThrowsNamingTheLine()
    {
        using var dir = new TempDirectory();
        var path = CsvFiles.Write(dir, "d.csv", "x,y", "1,a", "2,b", "3,", "4,a");

        var e = Assert.Throws<TabularInputException>(() => ColumnInference.Infer(CsvTable.Read(path), "y"));

        Assert.Equal($"{path}: line 4, column 'y': the label is missing", e.Message);
    }

    [Fact]
    public void Infer_ManyDistinctTexts_AreLeftOutNotOneHot()
    {
        using var dir = new TempDirectory();
        var lines = Enumerable.Range(0, 120).Select(i => $"name{i},{i % 7},{(i % 2 == 0 ? "x" : "y")}");
        var table = CsvTable.Read(CsvFiles.Write(dir, "d.csv", [.. lines.Prepend("name,n,y")]));

        var schema = ColumnInference.Infer(table, "y", options: new TabularInferenceOptions { MaxCategories = 50 });

        Assert.Equal(["n"], schema.Features.Select(c => c.Name));
        Assert.Contains("more than 50 distinct values", Assert.Single(schema.Ignored).Reason);
    }
}
