namespace Mnist.MLNet.Tests.Tabular;

/// <summary>The data sets shipped with the benchmarks.</summary>
internal static class ShippedData
{
    public static string Diabetes => Path.Combine(RepositoryRoot.Find(), "benchmarks", "Mnist.Benchmarks", "Data", "diabetes.csv");
}
