namespace Mnist.MLNet.Tests.Data;

public class DigitInputsTests
{
    [Fact]
    public void ReadCsv_HeaderAndBytes_ScalesTo01()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("digits.csv");
        var header = string.Join(',', Enumerable.Range(0, 784).Select(i => $"px{i}"));
        File.WriteAllLines(path, [header, string.Join(',', Enumerable.Repeat("255", 784)), string.Join(',', Enumerable.Repeat("0", 784))]);

        var rows = DigitInputs.ReadCsv(path);

        Assert.Equal(2, rows.Count);
        Assert.All(rows[0].Features, v => Assert.Equal(1f, v));
        Assert.Equal(1, rows[1].Index);
    }

    [Fact]
    public void ReadCsv_LabelHeader_SkipsLabelColumn()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("kaggle.csv");
        var header = "label," + string.Join(',', Enumerable.Range(0, 784).Select(i => $"pixel{i}"));
        File.WriteAllLines(path, [header, "7," + string.Join(',', Enumerable.Repeat("0.5", 784))]);

        var row = Assert.Single(DigitInputs.ReadCsv(path));

        Assert.All(row.Features, v => Assert.Equal(0.5f, v));
    }

    [Fact]
    public void ReadCsv_WrongColumnCount_ThrowsNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("short.csv");
        File.WriteAllLines(path, ["1,2,3"]);

        var e = Assert.Throws<DigitInputException>(() => DigitInputs.ReadCsv(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void Read_TextFileThatIsNoImage_ThrowsNamingFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("notes.txt");
        File.WriteAllText(path, "not a digit");

        var e = Assert.Throws<DigitInputException>(() => DigitInputs.Read([path]));

        Assert.Equal(path, e.FilePath);
    }
}
