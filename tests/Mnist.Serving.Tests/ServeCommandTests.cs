using System.Text.RegularExpressions;
using Mnist.Trainer.Commands;

namespace Mnist.Serving.Tests;

[Collection(ServedModelCollection.Name)]
public partial class ServeCommandTests(ServedModelFiles models)
{
    [Fact]
    public async Task Serve_MissingModel_ExitsOneWithOneLine()
    {
        var run = await CliRun.RunAsync(["serve", "--model", "/no/such/model.zip", "--urls", "http://127.0.0.1:0"]);

        var line = run.SingleLine(ExitCodes.Error);
        Assert.StartsWith("error: ", line);
        Assert.Contains("/no/such/model.zip", line);
    }

    [Fact]
    public async Task Serve_DamagedModel_ExitsOneNamingTheFile()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("damaged.zip");
        File.WriteAllBytes(path, File.ReadAllBytes(models.FirstPath)[..1000]);

        var run = await CliRun.RunAsync(["serve", "--model", path, "--urls", "http://127.0.0.1:0"]);

        Assert.Contains(path, run.SingleLine(ExitCodes.Error));
    }

    [Fact]
    public async Task Serve_ModelWithoutCard_ExitsOneNamingTheFile()
    {
        var run = await CliRun.RunAsync(["serve", "--model", models.ForeignPath, "--urls", "http://127.0.0.1:0"]);

        var line = run.SingleLine(ExitCodes.Error);
        Assert.StartsWith($"error: {models.ForeignPath}: ", line);
        Assert.Contains("not fitted by Mnist.MLNet", line);
    }

    [Fact]
    public async Task Serve_Cancelled_AnswersThenStopsGracefullyWith130()
    {
        var console = new CapturedConsole();
        using var cancel = new CancellationTokenSource();

        var serving = ServeCommand.ServeAsync(models.FirstPath, "http://127.0.0.1:0", console.Console, cancel.Token);
        Uri? address = null;
        for (int i = 0; i < 300 && address is null && !serving.IsCompleted; i++)
        {
            await Task.Delay(100);
            if (Listening().Match(console.Output) is { Success: true } match) address = new Uri(match.Groups[1].Value);
        }
        Assert.NotNull(address);
        using var client = new HttpClient { BaseAddress = address };
        var health = await client.GetAsync("health");
        await cancel.CancelAsync();
        int exit = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(health.IsSuccessStatusCode);
        Assert.Equal(ExitCodes.Cancelled, exit);   // 130, as every interrupted command
        Assert.Equal("stopped", console.Lines[^1]);
    }

    [GeneratedRegex(@"on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
