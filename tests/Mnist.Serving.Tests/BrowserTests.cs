using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace Mnist.Serving.Tests;

/// <summary>The pages in a real headless chromium: strokes drawn with the mouse are read as digits; the form of a
/// model of a table, filled in and submitted, shows the model's prediction.</summary>
[Collection(ServedModelCollection.Name)]
public sealed class BrowserTests(ServedModelFiles models, TrainedModels tables, ITestOutputHelper output)
{
    // Debian's packages chromium and chromium-driver; named outright, so Selenium never looks for a driver to download.
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    /// <summary>Where the screenshots go: MNIST_SCREENSHOTS, else a folder beside the test assembly.</summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("MNIST_SCREENSHOTS") is { Length: > 0 } d ? d : Path.Combine(AppContext.BaseDirectory, "screenshots");

    [BrowserFact]
    public async Task Page_DrawOneThenZero_ShowsEachDigit()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium chromium-driver");
        Assert.True(File.Exists(ChromeDriver), $"{ChromeDriver} is missing: apt-get install chromium-driver");
        await using var server = await RunningServer.StartAsync(models.FirstPath);
        using var profile = new TempDirectory();
        using var driver = StartChromium(profile.Path);
        driver.Navigate().GoToUrl(server.Address);
        var canvas = driver.FindElement(By.Id("pad"));

        // A "1": one vertical stroke down the middle (offsets are from the canvas's centre).
        Stroke(driver, canvas, Enumerable.Range(0, 11).Select(i => (0, -90 + 18 * i)));
        string one = ShownDigit(driver);
        Screenshot(driver, "draw-1.png");

        driver.FindElement(By.Id("clear")).Click();
        Assert.Equal("", driver.FindElement(By.Id("digit")).Text);

        // A "0": a closed upright ellipse.
        Stroke(driver, canvas, Enumerable.Range(0, 41).Select(i =>
            ((int)Math.Round(55 * Math.Sin(2 * Math.PI * i / 40)), (int)Math.Round(-85 * Math.Cos(2 * Math.PI * i / 40)))));
        string zero = ShownDigit(driver);
        Screenshot(driver, "draw-0.png");

        Assert.Equal("1", one);
        Assert.Equal("0", zero);
        Assert.All(driver.FindElements(By.CssSelector(".bar .fill")), bar => Assert.NotNull(bar.GetAttribute("style")));
    }

    [BrowserFact]
    public async Task Form_TableRowSubmitted_ShowsThePrediction()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium chromium-driver");
        await using var server = await RunningServer.StartAsync(tables.Customers);
        var expected = await RunningServer.JsonAsync(await server.Client.PostAsJsonAsync("predict",
            new JsonObject { ["age"] = 61.5, ["city"] = "Paris", ["member"] = true }));
        using var profile = new TempDirectory();
        using var driver = StartChromium(profile.Path);
        driver.Navigate().GoToUrl(server.Address);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
        wait.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");

        Assert.Equal("age", driver.FindElement(By.Id("field-0")).GetAttribute("data-column"));
        driver.FindElement(By.Id("field-0")).SendKeys("61.5");
        driver.FindElement(By.Id("field-1")).SendKeys("Paris");
        driver.FindElement(By.Id("field-2")).Click();
        driver.FindElement(By.Id("submit")).Click();
        wait.Until(d => d.FindElement(By.Id("predicted")).Text.Length > 0 || d.FindElement(By.Id("error")).Text.Length > 0);
        Screenshot(driver, "form-table.png");

        Assert.Equal("", driver.FindElement(By.Id("error")).Text);
        Assert.Equal(expected.GetProperty("label").GetString(), driver.FindElement(By.Id("predicted")).Text);
        Assert.Contains(FormattableString.Invariant($"{expected.GetProperty("label").GetString()}: {expected.GetProperty("probability").GetDouble():F4}"),
            driver.FindElement(By.Id("details")).Text);
    }

    private static ChromeDriver StartChromium(string profileDirectory)
    {
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            $"--user-data-dir={profileDirectory}", "--window-size=800,640");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static void Stroke(IWebDriver driver, IWebElement canvas, IEnumerable<(int X, int Y)> points)
    {
        var path = points.ToList();
        var actions = new Actions(driver).MoveToElement(canvas, path[0].X, path[0].Y).ClickAndHold();
        for (int i = 1; i < path.Count; i++) actions = actions.MoveByOffset(path[i].X - path[i - 1].X, path[i].Y - path[i - 1].Y);
        actions.Release().Perform();
    }

    // The page marks itself idle once the shown prediction is that of the drawing as it is now.
    private static string ShownDigit(IWebDriver driver)
    {
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
        wait.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-state") == "idle"
                        && d.FindElement(By.Id("digit")).Text.Length > 0);
        return driver.FindElement(By.Id("digit")).Text;
    }

    private void Screenshot(IWebDriver driver, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
        output.WriteLine($"screenshot: {path}");
    }
}
