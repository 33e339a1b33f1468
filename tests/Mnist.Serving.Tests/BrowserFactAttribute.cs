namespace Mnist.Serving.Tests;

/// <summary>A test that drives Debian's chromium through chromedriver. It runs, and fails when they are missing,
/// unless MNIST_SKIP_BROWSER_TESTS=1 says this machine has no browser on purpose.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MNIST_SKIP_BROWSER_TESTS") == "1")
            Skip = "MNIST_SKIP_BROWSER_TESTS=1: no browser on this machine (apt-get install chromium chromium-driver)";
    }
}
