namespace Mnist.MLNet.Tests.Reliability;

/// <summary>The programs built beside the tests, for <see cref="Mnist.TestSupport.ChildProcess"/> to start.</summary>
internal static class BuiltPrograms
{
    public static string MnistTool => Path.Combine(AppContext.BaseDirectory, "mnist.dll");

    /// <summary>The serving app built beside the tests, referencing the scoring assembly only.</summary>
    public static string ScoringApp =>
        Path.Combine(AppContext.BaseDirectory.Replace("Mnist.MLNet.Tests", "Mnist.ScoringApp"), "Mnist.ScoringApp.dll");
}
