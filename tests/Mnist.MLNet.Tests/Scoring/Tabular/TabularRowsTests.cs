using System.Text.Json;
using Mnist.MLNet.Scoring.Tabular;
using Mnist.MLNet.Tests.Tabular;

namespace Mnist.MLNet.Tests.Scoring.Tabular;

public class TabularRowsTests
{
    private static readonly InputColumn[] Columns =
    [
        new("age", InputColumnKind.Number), new("member", InputColumnKind.Boolean), new("city", InputColumnKind.Category, ["Oslo", "Lima"]),
    ];

    [Fact]
    public void FromCsv_ColumnsInAnyOrder_ReadsTypedValuesWithMissingAsNaN()
    {
        using var dir = new TempDirectory();
        var path = CsvFiles.Write(dir, "d.csv", "city;extra;member;age", "Oslo;x;TRUE;31", "\"Li;ma\";y;false;", "NA;z;1;2.5e1");

        var view = TabularRows.FromCsv(CsvTable.Read(path), Columns);

        Assert.Equal([31f, float.NaN, 25f], view.GetColumn<float>("age"));
        Assert.Equal([true, false, true], view.GetColumn<bool>("member"));
        Assert.Equal(["Oslo", "Li;ma", ""], view.GetColumn<string>("city"));
    }

    [Theory]
    [InlineData("abc", "'abc' is not a number", "age")]
    [InlineData("1,2", "4 fields, but the header has 3", null)]
    public void FromCsv_BadRecord_ThrowsNamingFileLineAndColumn(string ageField, string problem, string? column)
    {
        var (e, path) = FromCsvError("age,member,city", "30,true,Oslo", $"{ageField},false,Lima");

        Assert.Equal(path, e.Source);
        Assert.Equal("line 3", e.Location);
        Assert.Equal(column, e.Column);
        Assert.Equal(problem, e.Problem);
        Assert.Equal($"{path}: line 3{(column is null ? "" : $", column '{column}'")}: {problem}", e.Message);
    }

    [Fact]
    public void FromCsv_NotABoolean_ThrowsNamingTheColumn()
    {
        var (e, path) = FromCsvError("age,member,city", "30,maybe,Oslo");

        Assert.Equal($"{path}: line 2, column 'member': 'maybe' is not true or false", e.Message);
    }

    [Fact]
    public void FromCsv_MissingColumn_ThrowsNamingItAndTheHeader()
    {
        var (e, path) = FromCsvError("age,city", "30,Oslo");

        Assert.Equal($"{path}: column 'member': no such column; the header has age, city", e.Message);
    }

    [Fact]
    public void Read_UnclosedQuote_ThrowsNamingTheLine()
    {
        using var dir = new TempDirectory();
        var path = CsvFiles.Write(dir, "d.csv", "age,member,city", "30,true,Oslo", "31,false,\"Li\"ma");

        var e = Assert.Throws<TabularInputException>(() => CsvTable.Read(path));

        Assert.Equal("line 3", e.Location);
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void FromJson_Rows_ReadTheSameValuesAsACsv()
    {
        var rows = JsonDocument.Parse("""[{"age": 31, "member": true, "city": "Oslo"}, {"age": null, "member": false, "city": "Rome"}]""")
            .RootElement.EnumerateArray().ToArray();

        var view = TabularRows.FromJson(rows, Columns);

        Assert.Equal([31f, float.NaN], view.GetColumn<float>("age"));
        Assert.Equal([true, false], view.GetColumn<bool>("member"));
        Assert.Equal(["Oslo", "Rome"], view.GetColumn<string>("city"));
    }

    [Theory]
    [InlineData("""{"age": 31, "member": true, "city": "Oslo", "town": "x"}""", "town", "not a column of the model")]
    [InlineData("""{"age": 31, "city": "Oslo"}""", "member", "missing (expected a boolean")]
    [InlineData("""{"age": "old", "member": true, "city": "Oslo"}""", "age", "expected a number or null, found \"old\"")]
    [InlineData("""{"age": 31, "member": "yes", "city": "Oslo"}""", "member", "expected true or false")]
    [InlineData("""{"age": 31, "member": true, "city": 7}""", "city", "expected a string or null, found 7")]
    public void FromJson_BadField_ThrowsNamingTheField(string json, string field, string problem)
    {
        var row = JsonDocument.Parse(json).RootElement;

        var e = Assert.Throws<TabularInputException>(() => TabularRows.FromJson([row], Columns));

        Assert.Equal(field, e.Column);
        Assert.StartsWith(problem, e.Problem);
        Assert.StartsWith($"request: column '{field}': ", e.Message);
    }

    // Writes the lines as a CSV file and reads it against Columns, which must fail; returns the error and the file.
    private static (TabularInputException Error, string Path) FromCsvError(params string[] lines)
    {
        using var dir = new TempDirectory();
        var path = CsvFiles.Write(dir, "d.csv", lines);
        return (Assert.Throws<TabularInputException>(() => TabularRows.FromCsv(CsvTable.Read(path), Columns)), path);
    }
}
